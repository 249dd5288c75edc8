"""Bulk import (helpers.ingest): every source kind, ids, dates, idempotence, never overwriting, duplicates.

The fixtures are hand-made articles in English and Arabic, written for these tests.
"""

import csv
import io
import json
import os
import socket
import stat

import pandas as pd
import pytest

from helpers import ingest, paths
from helpers.corpus import METADATA_COLUMNS, OPTIONAL_COLUMNS, CorpusError, load_corpus
from helpers.ingest import (
    NEAR_DUPLICATE_JACCARD,
    IngestError,
    article_text,
    make_doc_id,
    normalise_date,
    similarity,
    write_new_file,
)


def paragraphs(*texts: str) -> str:
    """An article body: one paragraph per line."""
    return "".join(f"{t}\n" for t in texts)


# An English report (about 190 words), a syndicated copy of it with a new headline, an agency tag and
# a few words changed, and another outlet's report on the same talks that quotes the same statement.
EN_TITLE = "Envoys end Geneva round with no deal on Ukraine plan"
EN_BODY = paragraphs(
    "Negotiators from the United States and Ukraine ended two days of talks in Geneva on Sunday "
    "without agreeing on the most disputed points of a plan to end the war, officials said.",
    "The American delegation, led by the secretary of state, described the meetings as productive and "
    "said a revised framework would be sent to Moscow in the coming days.",
    '"We have made real progress, but nothing is agreed until everything is agreed," the secretary '
    "told reporters after the final session at the American mission.",
    "Ukrainian officials said the questions of territory in the east and of security guarantees "
    "remained open and would have to be settled by the two presidents.",
    "European governments, which were not at the table, asked to see the full text before any further "
    "meeting and warned against pressure on Kyiv to give up land.",
    "In Moscow, a Kremlin spokesman said Russia had not yet received the new version and would study "
    "it carefully once it arrived through official channels.",
    "The talks are expected to resume next week, possibly in Abu Dhabi, where military officers from "
    "both sides have met before to discuss prisoner exchanges.",
)
EN_EDITED_TITLE = "No deal yet as Geneva talks on Ukraine end"
EN_EDITED_BODY = "GENEVA (Agency) - " + EN_BODY.replace("on Sunday", "late on Sunday").replace(
    "productive", "very productive"
).replace("coming days", "next few days")
EN_OTHER_TITLE = "Kyiv holds firm on territory as Geneva talks close"
EN_OTHER_BODY = paragraphs(
    "Ukraine's delegation left Geneva on Sunday insisting that it would not trade land for a "
    "ceasefire, as a weekend of talks with Washington closed without a breakthrough.",
    '"We have made real progress, but nothing is agreed until everything is agreed," the American '
    "secretary of state said, a line his Ukrainian counterparts repeated with visible caution.",
    "Diplomats in the Swiss city said the draft still asks Kyiv to withdraw from parts of Donetsk, a "
    "demand President Zelensky has rejected in every speech since the summer.",
    "Analysts in Kyiv warned that a deal written over the heads of Europeans would not hold, and that "
    "Russian forces continued to strike power plants during the talks.",
)
AR_TITLE = "الكرملين: لم نتسلم النسخة المعدلة من خطة السلام"
AR_BODY = paragraphs(
    "قال المتحدث باسم الكرملين يوم الاثنين إن موسكو لم تتسلم بعد النسخة المعدلة من خطة السلام "
    "الأمريكية بشأن أوكرانيا، مؤكداً أن روسيا ستدرسها بعناية فور وصولها عبر القنوات الرسمية.",
    "وأضاف أن الاتصالات مع واشنطن مستمرة، وأن الرئيس بوتين مستعد لمواصلة الحوار، لكنه شدد على أن أي "
    "اتفاق يجب أن يعالج الأسباب الجذرية للنزاع.",
    "وكانت محادثات جنيف بين الوفدين الأمريكي والأوكراني قد انتهت من دون اتفاق على النقاط الخلافية، "
    "وفي مقدمتها مسألة الأراضي والضمانات الأمنية.",
)
AR_OTHER_TITLE = "زيلينسكي يرفض التنازل عن الأراضي مقابل وقف إطلاق النار"
AR_OTHER_BODY = paragraphs(
    "أكد الرئيس الأوكراني فولوديمير زيلينسكي في كلمة مسائية أن بلاده لن تتخلى عن أي أرض مقابل وقف "
    "لإطلاق النار، داعياً الحلفاء الأوروبيين إلى زيادة الدعم العسكري.",
    "وقال إن الضغوط على كييف لن تجلب سلاماً عادلاً، مشيراً إلى أن القوات الروسية واصلت قصف محطات "
    "الطاقة خلال المحادثات.",
)
FIELDS = ["text", "title", "outlet", "date", "url", "language"]


def rows_of(root):
    with open(root / "metadata.csv", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def snapshot(root):
    return {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(root.rglob("*")) if p.is_file()}


def write_csv(path, records, encoding="utf-8"):
    with open(path, "w", encoding=encoding, newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(records[0]))
        writer.writeheader()
        writer.writerows(records)
    return path


def run(tmp_path, *sources, **kw):
    """Import into tmp_path/corpus, the duplicates table into tmp_path/out/tables."""
    return ingest.ingest(sources, tmp_path / "corpus", output_dir=tmp_path / "out", **kw)


BASIC = [
    {
        "text": EN_BODY,
        "title": EN_TITLE,
        "outlet": "Example Wire",
        "date": "2025-11-30T18:05:00Z",
        "url": "https://wire.example.org/geneva",
        "language": "en",
    },
    {
        "text": AR_BODY,
        "title": AR_TITLE,
        "outlet": "الخبر العربي",
        "date": "1 ديسمبر 2025",
        "url": "https://www.alkhabar.example/news/1",
        "language": "",
    },
]


# --------------------------------------------------------------------------
# Each kind of source
# --------------------------------------------------------------------------
def test_csv_import_writes_the_documented_format_and_loads(tmp_path):
    source = write_csv(tmp_path / "export.csv", BASIC)
    report = run(tmp_path, source)
    root = tmp_path / "corpus"
    rows = rows_of(root)
    assert list(rows[0]) == METADATA_COLUMNS + OPTIONAL_COLUMNS
    en, ar = rows
    assert en["doc_id"].startswith("example-wire_") and len(en["doc_id"]) == len("example-wire_") + 16
    assert ar["doc_id"].startswith("alkhabar-example_")  # an Arabic outlet name: the url's host names the id
    assert (en["date"], ar["date"]) == ("2025-11-30", "2025-12-01")
    # the Arabic row's language comes from its script
    assert (en["languages"], ar["languages"]) == ("en", "ar")
    assert ar["outlet"] == "الخبر العربي" and ar["title"] == AR_TITLE
    assert en["provenance"] == "imported with helpers.ingest from export.csv, line 2"
    # the first row spans 8 lines
    assert ar["provenance"] == "imported with helpers.ingest from export.csv, line 10"
    text = (root / en["file"]).read_text(encoding="utf-8")
    assert text.startswith(EN_TITLE + "\n\nNegotiators from the United States")
    assert report.imported == [en["doc_id"], ar["doc_id"]] and not report.skipped
    corpus = load_corpus(root)
    assert list(corpus.documents["doc_id"]) == [en["doc_id"], ar["doc_id"]]
    titles = corpus.units().query("kind == 'title'")
    assert list(titles["text"]) == [EN_TITLE, AR_TITLE] and list(titles["lang"]) == ["en", "ar"]
    assert (tmp_path / "out" / "tables" / "corpus_duplicates.csv").is_file()


def test_windows_1256_csv_is_decoded_and_reported(tmp_path):
    source = write_csv(
        tmp_path / "arabic.csv",
        [
            {
                "text": AR_BODY,
                "title": AR_TITLE,
                "outlet": "Arabic Windows Daily",
                "date": "2025-12-01",
                "url": "",
                "language": "ar",
            }
        ],
        encoding="cp1256",
    )
    with pytest.raises(UnicodeDecodeError):
        source.read_bytes().decode("utf-8")  # the fixture really is not UTF-8
    report = run(tmp_path, source)
    (row,) = rows_of(tmp_path / "corpus")
    assert row["title"] == AR_TITLE
    assert "المتحدث باسم الكرملين" in (tmp_path / "corpus" / row["file"]).read_text(encoding="utf-8")
    assert any(where == "arabic.csv" and "windows-1256" in note for where, note in report.notes)
    assert "windows-1256" in report.summary()


def test_jsonl_with_map(tmp_path):
    source = tmp_path / "api.jsonl"
    records = [
        {
            "body": EN_BODY,
            "headline": EN_TITLE,
            "source": {"name": "ignored"},
            "site": "Example Wire",
            "published": "Sun, 30 Nov 2025 23:30:00 -0500",
            "link": "https://wire.example.org/geneva",
        },
        {"body": AR_BODY, "headline": AR_TITLE, "site": "Arabic Daily", "published": "٣٠ نوفمبر ٢٠٢٥"},
    ]
    source.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n", encoding="utf-8")
    mapping = {"text": "body", "title": "headline", "outlet": "site", "date": "published", "url": "link"}
    run(tmp_path, source, mapping=mapping)
    en, ar = rows_of(tmp_path / "corpus")
    assert (en["title"], en["outlet"], en["date"], en["url"]) == (
        EN_TITLE,
        "Example Wire",
        "2025-11-30",
        "https://wire.example.org/geneva",
    )
    assert (ar["outlet"], ar["date"], ar["languages"]) == ("Arabic Daily", "2025-11-30", "ar")
    assert load_corpus(tmp_path / "corpus").documents["outlet"].tolist() == ["Example Wire", "Arabic Daily"]


def test_parquet_with_timestamps_and_missing_values(tmp_path):
    source = tmp_path / "export.parquet"
    pd.DataFrame(
        {
            "text": [EN_BODY, AR_BODY],
            "title": [EN_TITLE, None],
            "outlet": ["Example Wire", "Arabic Daily"],
            "date": pd.to_datetime(["2025-11-30 23:30", None]).tz_localize("America/New_York"),
            "url": [None, "https://arabic.example/1"],
            "language": [["en"], ["ar"]],
        }
    ).to_parquet(source)
    report = run(tmp_path, source)
    en, ar = rows_of(tmp_path / "corpus")
    # the date as written, not UTC
    assert (en["date"], en["url"], en["languages"]) == ("2025-11-30", "", "en")
    assert (ar["title"], ar["date"], ar["languages"]) == ("", "", "ar")
    # without a title, the first line of the text stands as the title line
    assert (tmp_path / "corpus" / ar["file"]).read_text(encoding="utf-8").startswith("قال المتحدث")
    assert report.untitled == ["export.parquet, row 2"] and not report.dates
    load_corpus(tmp_path / "corpus")


def test_txt_folder_and_bad_files_named(tmp_path):
    folder = tmp_path / "texts"
    folder.mkdir()
    (folder / "a.txt").write_text(f"{EN_TITLE}\n\n{EN_BODY}", encoding="utf-8")
    (folder / "b.txt").write_bytes(f"{AR_TITLE}\r\n{AR_BODY}".replace("\n", "\r\n").encode("utf-8-sig"))
    (folder / "empty.txt").write_text(" \n\u200f\n", encoding="utf-8")
    (folder / "picture.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200))
    (folder / "title_only.txt").write_text("Just a headline\n", encoding="utf-8")
    report = run(tmp_path, folder, defaults={"outlet": "Desk Files"})
    rows = rows_of(tmp_path / "corpus")
    assert [r["title"] for r in rows] == [EN_TITLE, AR_TITLE]
    assert {r["outlet"] for r in rows} == {"Desk Files"}
    assert rows[1]["provenance"].endswith("from texts/b.txt")
    b_text = (tmp_path / "corpus" / rows[1]["file"]).read_bytes()
    assert b"\r" not in b_text and not b_text.startswith(b"\xef\xbb\xbf")
    skipped = dict(report.skipped)
    assert skipped["texts/empty.txt"].startswith("no text (the file is empty or holds only punctuation")
    assert "PNG image" in skipped["texts/picture.txt"]
    assert skipped["texts/title_only.txt"] == "no text besides the title"
    assert "texts/picture.txt: not UTF-8 text" in report.summary()
    assert len(load_corpus(tmp_path / "corpus").documents) == 2


PAGE = """<!DOCTYPE html>
<html lang="{lang}" dir="{dir}"><head><meta charset="utf-8">
<title>{title} | {site}</title>
<meta property="og:site_name" content="{site}">
<meta property="og:title" content="{title}">
<meta property="article:published_time" content="{date}">
<link rel="canonical" href="{url}">
</head><body>
<header><nav><ul><li><a href="/">{home}</a></li><li><a href="/world">World news and analysis</a></li>
<li><a href="/subscribe">Subscribe now for unlimited access</a></li></ul></nav></header>
<main><article><h1>{title}</h1>
{paragraphs}
</article></main>
<aside><h3>Most read</h3><ul>
<li><a href="/x">Celebrity chef opens a new restaurant downtown</a></li></ul></aside>
<footer><p>Copyright 2025 {site}. All rights reserved.</p><a href="/privacy">Privacy policy</a>
<a href="/cookies">Cookie settings</a></footer>
</body></html>
"""


def page(title, body, site, date, url, lang="en", heading_after=2):
    paras = [f"<p>{p}</p>" for p in body.strip().split("\n")]
    paras.insert(heading_after, "<h2>" + ("ردود الفعل" if lang == "ar" else "Reactions in Europe") + "</h2>")
    return PAGE.format(
        title=title,
        site=site,
        date=date,
        url=url,
        lang=lang,
        dir="rtl" if lang == "ar" else "ltr",
        home="الرئيسية" if lang == "ar" else "Home",
        paragraphs="\n".join(paras),
    )


def test_html_pages_main_text_without_boilerplate_offline(tmp_path, monkeypatch):
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "en.html").write_text(
        page(
            EN_TITLE, EN_BODY, "Example Wire", "2025-11-30T18:05:00+01:00", "https://wire.example.org/geneva"
        ),
        encoding="utf-8",
    )
    (folder / "ar.html").write_text(
        page(AR_TITLE, AR_BODY, "الخبر العربي", "2025-12-01", "https://alkhabar.example/news/1", lang="ar"),
        encoding="utf-8",
    )
    (folder / "menu.html").write_text(
        "<html><body><nav><a href='/'>Home</a></nav></body></html>", encoding="utf-8"
    )

    def no_network(*args, **kwargs):
        raise AssertionError("the HTML import tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    report = run(tmp_path, folder)
    ar, en = rows_of(tmp_path / "corpus")  # files in name order: ar.html, en.html, menu.html
    assert (en["title"], en["outlet"], en["date"], en["url"]) == (
        EN_TITLE,
        "Example Wire",
        "2025-11-30",
        "https://wire.example.org/geneva",
    )
    assert (ar["title"], ar["outlet"], ar["date"], ar["languages"]) == (
        AR_TITLE,
        "الخبر العربي",
        "2025-12-01",
        "ar",
    )
    text = (tmp_path / "corpus" / en["file"]).read_text(encoding="utf-8")
    for boilerplate in (
        "Subscribe now",
        "World news and analysis",
        "All rights reserved",
        "Cookie settings",
        "Privacy policy",
        "Celebrity chef",
        "Most read",
    ):
        assert boilerplate not in text
    lines = text.split("\n")
    assert lines[0] == EN_TITLE and lines.count(EN_TITLE) == 1  # the page's <h1> is not repeated
    assert "## Reactions in Europe" in lines and lines[2].startswith("Negotiators from")
    assert EN_BODY.strip().split("\n")[-1] in lines
    ar_text = (tmp_path / "corpus" / ar["file"]).read_text(encoding="utf-8")
    assert "الرئيسية" not in ar_text and "## ردود الفعل" in ar_text
    assert "no main text found" in dict(report.skipped)["pages/menu.html"]
    units = load_corpus(tmp_path / "corpus").units()
    assert "Reactions in Europe" in set(units.query("kind == 'heading'")["text"])


def test_html_date_comes_from_markup_not_from_the_text(tmp_path):
    body = "<p>Updated 5 March 2024. " + "The envoys met again in Geneva to discuss the plan. " * 10 + "</p>"
    (tmp_path / "page.html").write_text(
        f"<html><head><title>Talks resume</title></head><body><article>"
        f"<h1>Talks resume</h1>{body}</article></body></html>",
        encoding="utf-8",
    )
    run(tmp_path, tmp_path / "page.html")
    (row,) = rows_of(tmp_path / "corpus")
    # a date in the prose is not taken as the date
    assert row["title"] == "Talks resume" and row["date"] == ""


# --------------------------------------------------------------------------
# Command errors, bad rows
# --------------------------------------------------------------------------
def test_unknown_map_column_names_it_and_the_columns_and_writes_nothing(tmp_path):
    source = write_csv(tmp_path / "export.csv", BASIC)
    with pytest.raises(IngestError) as err:
        run(tmp_path, source, mapping={"text": "body"})
    message = str(err.value)
    assert "export.csv" in message and "'body'" in message
    assert "text, title, outlet, date, url, language" in message
    assert not (tmp_path / "corpus").exists()
    with pytest.raises(IngestError, match="unknown field 'headline'"):
        run(tmp_path, source, mapping={"headline": "title"})
    no_text = write_csv(tmp_path / "no_text.csv", [{"body": "x", "title": "y"}])
    with pytest.raises(
        IngestError, match=r"no 'text' column\. The columns are: body, title.*--map text=COLUMN"
    ):
        run(tmp_path, no_text)


def test_bad_rows_are_skipped_with_their_line(tmp_path):
    source = tmp_path / "mixed.csv"
    good = io.StringIO()
    csv.writer(good, lineterminator="\n").writerow([EN_BODY, EN_TITLE, "Wire", "sometime in late November"])
    source.write_text(
        "text,title,outlet,date\n"
        ",Empty row,Wire,2025-11-30\n"
        '"… «» ! ؟ ‏",Punctuation,Wire,2025-11-30\n'
        "A real paragraph about the talks.,Title,Wire,2025-11-30,extra\n" + good.getvalue(),
        encoding="utf-8",
    )
    jsonl = tmp_path / "broken.jsonl"
    jsonl.write_text(
        '{"text": "A paragraph.", "title": "T", "outlet": "Wire"\n["a list"]\n', encoding="utf-8"
    )
    report = run(tmp_path, source, jsonl)
    skipped = dict(report.skipped)
    assert skipped["mixed.csv, line 2"] == "no text besides the title"
    assert skipped["mixed.csv, line 3"] == "no text besides the title"
    assert "5 fields but the header has 4" in skipped["mixed.csv, line 4"]
    assert "not valid JSON" in skipped["broken.jsonl, line 1"]
    assert "not an object" in skipped["broken.jsonl, line 2"]
    (row,) = rows_of(tmp_path / "corpus")
    assert row["title"] == EN_TITLE and row["date"] == ""
    assert report.dates == [("mixed.csv, line 5", "unreadable date 'sometime in late November'")]
    summary = report.summary()
    assert "mixed.csv, line 5: unreadable date 'sometime in late November'" in summary
    assert "Skipped: 5" in summary and "mixed.csv, line 4: 5 fields" in summary


def test_unknown_source_kind_and_missing_source(tmp_path):
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04")
    with pytest.raises(IngestError, match=r"unknown kind of source '\.docx'"):
        run(tmp_path, tmp_path / "notes.docx")
    with pytest.raises(IngestError, match="no such file or folder"):
        run(tmp_path, tmp_path / "absent.csv")


# --------------------------------------------------------------------------
# Ids, idempotence, never overwriting
# --------------------------------------------------------------------------
def test_doc_id_is_stable_and_derived_from_content():
    _, content = article_text(EN_BODY, EN_TITLE)
    assert make_doc_id(content, "Example Wire") == make_doc_id(content, "Example Wire")
    assert make_doc_id(content, "Example Wire") != make_doc_id(content, "Other Wire")
    _, other = article_text(EN_BODY.replace("Sunday", "Monday"), EN_TITLE)
    assert make_doc_id(content, "Example Wire") != make_doc_id(other, "Example Wire")
    # line ends, a BOM and spacing do not change the id
    _, crlf = article_text(
        "\ufeff" + EN_BODY.replace("\n", "\r\n").replace(" the ", "  the "), f" {EN_TITLE} "
    )
    assert make_doc_id(crlf, "Example Wire") == make_doc_id(content, "Example Wire")


def test_second_import_adds_nothing_and_changes_no_file(tmp_path):
    source = write_csv(tmp_path / "export.csv", BASIC)
    first = run(tmp_path, source)
    before = snapshot(tmp_path / "corpus")
    second = run(tmp_path, source)
    assert len(first.imported) == 2 and second.imported == []
    assert [doc_id for _, doc_id in second.already] == first.imported
    assert snapshot(tmp_path / "corpus") == before
    assert "Imported 0 new article(s)" in second.summary()


def test_existing_files_and_rows_are_never_overwritten(tmp_path):
    root = tmp_path / "corpus"
    (root / "articles").mkdir(parents=True)
    # a hand-made corpus with an extra column, and a file squatting on the id an import would use
    _, content = article_text(EN_BODY, EN_TITLE)
    taken = make_doc_id(content, "Example Wire")
    (root / "articles" / "seed.txt").write_text("Seed title\n\nSeed paragraph.\n", encoding="utf-8")
    (root / "articles" / f"{taken}.txt").write_text("Something else\n\nHand written.\n", encoding="utf-8")
    (root / "metadata.csv").write_text(
        ",".join(METADATA_COLUMNS) + ",form\n"
        'seed,articles/seed.txt,Seed title,Seed outlet,2025-01-02,,en,"hand, made",,article\n'
        f"{taken},articles/{taken}.txt,Something else,,,,en,,,note\n",
        encoding="utf-8",
    )
    squatter = (root / "articles" / f"{taken}.txt").read_bytes()
    report = run(tmp_path, write_csv(tmp_path / "export.csv", BASIC))
    assert (root / "articles" / f"{taken}.txt").read_bytes() == squatter
    assert [doc_id for _, doc_id in report.already] == [taken]  # its id is taken: not imported again
    rows = rows_of(root)
    assert rows[0] == {
        "doc_id": "seed",
        "file": "articles/seed.txt",
        "title": "Seed title",
        "outlet": "Seed outlet",
        "date": "2025-01-02",
        "url": "",
        "languages": "en",
        "provenance": "hand, made",
        "licence": "",
        "form": "article",
        "speaker": "",
        "duplicate_of": "",
    }
    assert len(rows) == 3 and rows[2]["title"] == AR_TITLE
    load_corpus(root)


def test_an_unlisted_file_with_other_content_is_not_overwritten(tmp_path):
    root = tmp_path / "corpus"
    (root / "articles").mkdir(parents=True)
    _, content = article_text(EN_BODY, EN_TITLE)
    path = root / "articles" / f"{make_doc_id(content, 'Example Wire')}.txt"
    path.write_text("Someone else's draft\n\nNot this article.\n", encoding="utf-8")
    report = run(tmp_path, write_csv(tmp_path / "export.csv", BASIC[:1]))
    assert path.read_text(encoding="utf-8") == "Someone else's draft\n\nNot this article.\n"
    ((where, reason),) = report.skipped
    assert where == "export.csv, line 2" and "never overwritten" in reason and str(path) in reason
    assert not (root / "metadata.csv").exists()


def test_a_file_left_by_an_interrupted_import_gets_its_row(tmp_path):
    root = tmp_path / "corpus"
    (root / "articles").mkdir(parents=True)
    _, content = article_text(EN_BODY, EN_TITLE)
    doc_id = make_doc_id(content, "Example Wire")
    (root / "articles" / f"{doc_id}.txt").write_text(content, encoding="utf-8")
    report = run(tmp_path, write_csv(tmp_path / "export.csv", BASIC[:1]))
    assert report.imported == [doc_id] and "interrupted import" in report.notes[0][1]
    assert load_corpus(root).documents["doc_id"].tolist() == [doc_id]


def test_write_new_file_never_replaces(tmp_path):
    path = tmp_path / "a.txt"
    write_new_file(path, b"first")
    with pytest.raises(FileExistsError):
        write_new_file(path, b"second")
    assert path.read_bytes() == b"first"
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]  # no temporary file left behind


@pytest.mark.parametrize("umask", [0o022, 0o077])
def test_imported_files_follow_the_umask_at_write_time(tmp_path, umask):
    old = os.umask(umask)
    try:
        write_new_file(tmp_path / "a.txt", b"text")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "a.txt").stat().st_mode) == 0o666 & ~umask


# --------------------------------------------------------------------------
# Dates
# --------------------------------------------------------------------------
@pytest.mark.parametrize(
    "value, order, expected",
    [
        ("2025-11-30", None, "2025-11-30"),
        ("2025-11-30T23:30:00-05:00", None, "2025-11-30"),  # the date as written: no conversion to UTC
        ("2025/11/30", None, "2025-11-30"),
        ("30 November 2025", None, "2025-11-30"),
        ("Nov 30, 2025", None, "2025-11-30"),
        ("Sun, 30 Nov 2025 08:30:00 GMT", None, "2025-11-30"),
        ("30 نوفمبر 2025", None, "2025-11-30"),
        ("الأحد ٣٠ نوفمبر ٢٠٢٥", None, "2025-11-30"),
        ("30.11.2025", None, "2025-11-30"),
        ("11/30/2025", None, "2025-11-30"),
        ("03/04/2025", None, ""),  # 3 April or March 4: not guessed
        ("03/04/2025", "DMY", "2025-04-03"),
        ("03/04/2025", "MDY", "2025-03-04"),
        ("30/11/25", None, ""),  # two-digit year
        ("November 2025", None, ""),  # no day
        ("yesterday", None, ""),
        ("2025-02-30", None, ""),
        ("1764495000", None, ""),
        ("", None, ""),
    ],
)
def test_dates_are_normalised_or_left_empty(value, order, expected):
    iso, problem = normalise_date(value, order)
    assert iso == expected
    assert (problem is None) == (bool(expected) or not value)
    if value and not expected:
        assert repr(value) in problem


def test_ambiguous_date_message_says_what_to_do():
    assert "--date-order DMY or MDY" in normalise_date("03/04/2025")[1]


# --------------------------------------------------------------------------
# Duplicates
# --------------------------------------------------------------------------
def test_fixtures_measure_as_intended():
    """The near-duplicate fixtures sit where the documented threshold has to separate them."""
    edited = similarity(f"{EN_TITLE}\n{EN_BODY}", f"{EN_EDITED_TITLE}\n{EN_EDITED_BODY}")
    same_event = similarity(f"{EN_TITLE}\n{EN_BODY}", f"{EN_OTHER_TITLE}\n{EN_OTHER_BODY}")
    arabic_pair = similarity(f"{AR_TITLE}\n{AR_BODY}", f"{AR_OTHER_TITLE}\n{AR_OTHER_BODY}")
    assert 0.8 <= edited < 1 and NEAR_DUPLICATE_JACCARD == 0.8
    assert 0.02 < same_event < 0.1  # they share a quoted sentence, nothing else
    assert arabic_pair < 0.05


DUPLICATE_ROWS = [
    {
        "text": EN_BODY,
        "title": EN_TITLE,
        "outlet": "Example Wire",
        "date": "2025-11-30",
        "url": "",
        "language": "en",
    },
    {
        "text": AR_BODY,
        "title": AR_TITLE,
        "outlet": "Arabic Daily",
        "date": "2025-12-01",
        "url": "",
        "language": "ar",
    },
    {
        "text": EN_BODY,
        "title": EN_TITLE,
        "outlet": "Reprint Times",
        "date": "2025-12-01",
        "url": "",
        "language": "en",
    },
    {
        "text": EN_EDITED_BODY,
        "title": EN_EDITED_TITLE,
        "outlet": "Syndicate Daily",
        "date": "2025-12-01",
        "url": "",
        "language": "en",
    },
    {
        "text": EN_OTHER_BODY,
        "title": EN_OTHER_TITLE,
        "outlet": "Kyiv Courier",
        "date": "2025-11-30",
        "url": "",
        "language": "en",
    },
    {
        "text": AR_BODY.replace("\n", " \n"),
        "title": AR_TITLE + "!",
        "outlet": "Arabic Echo",
        "date": "",
        "url": "",
        "language": "ar",
    },  # the same words: an exact copy, though not byte for byte
    {
        "text": AR_OTHER_BODY,
        "title": AR_OTHER_TITLE,
        "outlet": "Arabic Evening",
        "date": "",
        "url": "",
        "language": "ar",
    },
]


def test_exact_and_near_copies_are_marked_and_reported_other_articles_are_not(tmp_path):
    report = run(tmp_path, write_csv(tmp_path / "export.csv", DUPLICATE_ROWS))
    rows = {r["outlet"]: r for r in rows_of(tmp_path / "corpus")}
    original, arabic = rows["Example Wire"]["doc_id"], rows["Arabic Daily"]["doc_id"]
    assert rows["Reprint Times"]["duplicate_of"] == original
    assert rows["Syndicate Daily"]["duplicate_of"] == original
    assert rows["Arabic Echo"]["duplicate_of"] == arabic
    assert rows["Kyiv Courier"]["duplicate_of"] == ""  # same event, same quote: a different article
    assert rows["Example Wire"]["duplicate_of"] == rows["Arabic Daily"]["duplicate_of"] == ""
    assert len(rows_of(tmp_path / "corpus")) == 7  # marked, not dropped
    kinds = {doc_id: kind for doc_id, _, kind, _ in report.duplicates}
    assert kinds == {
        rows["Reprint Times"]["doc_id"]: "exact",
        rows["Syndicate Daily"]["doc_id"]: "near",
        rows["Arabic Echo"]["doc_id"]: "exact",
    }
    table = pd.read_csv(
        tmp_path / "out" / "tables" / "corpus_duplicates.csv", dtype=str, keep_default_na=False
    )
    assert list(table.columns) == ingest.DUPLICATES_COLUMNS
    near = table.set_index("outlet").loc["Syndicate Daily"]
    assert (near["kind"], near["duplicate_of"], near["original_outlet"]) == ("near", original, "Example Wire")
    assert 0.8 <= float(near["jaccard"]) < 1
    assert set(table["kind"]) == {"exact", "near"} and len(table) == 3
    # analyses skip the marked copies by default, and can load them
    assert len(load_corpus(tmp_path / "corpus").documents) == 4
    everything = load_corpus(tmp_path / "corpus", skip_duplicates=False).documents
    assert len(everything) == 7 and (everything["duplicate_of"] != "").sum() == 3


def test_copies_of_articles_from_an_earlier_import_are_marked(tmp_path):
    run(tmp_path, write_csv(tmp_path / "first.csv", DUPLICATE_ROWS[:1]))
    report = run(tmp_path, write_csv(tmp_path / "second.csv", DUPLICATE_ROWS[3:5]))
    rows = {r["outlet"]: r for r in rows_of(tmp_path / "corpus")}
    assert rows["Syndicate Daily"]["duplicate_of"] == rows["Example Wire"]["doc_id"]
    assert rows["Kyiv Courier"]["duplicate_of"] == ""
    assert [d[2] for d in report.duplicates] == ["near"]


def test_a_stricter_threshold_leaves_the_edited_copy_unmarked(tmp_path):
    run(tmp_path, write_csv(tmp_path / "export.csv", DUPLICATE_ROWS[:4]), near_threshold=0.99)
    rows = {r["outlet"]: r for r in rows_of(tmp_path / "corpus")}
    assert rows["Syndicate Daily"]["duplicate_of"] == "" and rows["Reprint Times"]["duplicate_of"] != ""


# --------------------------------------------------------------------------
# Command line
# --------------------------------------------------------------------------
def test_command_line(tmp_path, capsys):
    source = write_csv(tmp_path / "export.csv", DUPLICATE_ROWS)
    args = [str(source), "--corpus", str(tmp_path / "corpus"), "--output-dir", str(tmp_path / "out")]
    assert ingest.main(args) == 0
    out, err = capsys.readouterr()
    assert "Imported 7 new article(s)" in out and "Marked as duplicates: 3 (2 exact, 1 near" in out
    assert "importing" in err and "7/7" in err  # the progress bar
    assert ingest.main(args + ["--no-progress"]) == 0
    out, err = capsys.readouterr()
    assert "Imported 0 new article(s)" in out and "Already in the corpus (same outlet and text): 7" in out
    assert err == ""
    assert ingest.main(args + ["--map", "text=body"]) == 2
    assert "there is no column 'body'" in capsys.readouterr().err
    assert ingest.main(args + ["--map", "text"]) == 2
    assert "FIELD=COLUMN" in capsys.readouterr().err
    with pytest.raises(SystemExit) as done:
        ingest.main(["--help"])
    assert done.value.code == 0
    assert "--map FIELD=COLUMN" in capsys.readouterr().out


def test_corpus_with_a_broken_metadata_file_is_refused(tmp_path):
    root = tmp_path / "corpus"
    root.mkdir()
    (root / "metadata.csv").write_text("doc_id,file\n", encoding="utf-8")
    with pytest.raises(IngestError, match="missing column"):
        run(tmp_path, write_csv(tmp_path / "export.csv", BASIC))
    (root / "metadata.csv").write_bytes("doc_id,file\n".encode("utf-16"))
    with pytest.raises(CorpusError, match="iconv -f UTF-16"):
        run(tmp_path, write_csv(tmp_path / "export.csv", BASIC))


def test_the_devset_imports_without_a_duplicate(tmp_path):
    """The devset's real texts (every one of devset/metadata.csv), many on the same events: different
    articles, none marked."""
    devset = paths.ROOT / "devset"
    with open(devset / "metadata.csv", encoding="utf-8", newline="") as fh:
        meta = list(csv.DictReader(fh))
    source = tmp_path / "devset.jsonl"
    source.write_text(
        "".join(
            json.dumps(
                {
                    "text": (devset / r["file"]).read_text(encoding="utf-8"),
                    "title": r["title"],
                    "outlet": r["outlet"],
                    "date": r["date"],
                    "url": r["url"],
                    "language": r["languages"],
                },
                ensure_ascii=False,
            )
            + "\n"
            for r in meta
        ),
        encoding="utf-8",
    )
    report = run(tmp_path, source)
    assert len(report.imported) == len(meta) and not report.skipped and not report.duplicates
    corpus = load_corpus(tmp_path / "corpus")
    assert len(corpus.documents) == len(meta)
    assert set(corpus.documents["languages"]) >= {"ar", "en"}
