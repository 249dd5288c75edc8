"""The corpus loader: the seed article's structure, the format rules and every bad-input message."""

import hashlib
import shutil

import pytest

from helpers import paths
from helpers.corpus import METADATA_COLUMNS, CorpusError, kind_of_id, load_annotation, load_corpus

SEED_ID = "000_621ee5358e06a89f"
SEED_FILE = paths.CORPUS / "articles" / f"{SEED_ID}.txt"
#: sha256 of the seed article as supplied with the project brief (recorded from that copy, not from this file)
SEED_SHA256 = "70f539ee8c059f1030abb6aa5659ebca082162b957c024b8ed3db1c408f858b5"
HEADER = ",".join(METADATA_COLUMNS)
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10" + bytes(range(256))  # a PNG image saved as .txt
LATIN1 = (
    "Zelensky a déclaré à Genève que « la paix » était encore possible.\n\nLes négociations reprendront.\n"
)


def make_corpus(tmp_path, articles: dict[str, bytes], rows: list[str] | None = None):
    """A corpus folder with the given article files and metadata rows (default: one row per file)."""
    (tmp_path / "articles").mkdir()
    for doc_id, data in articles.items():
        (tmp_path / "articles" / f"{doc_id}.txt").write_bytes(data)
    if rows is None:
        rows = [f"{doc_id},articles/{doc_id}.txt,,,,,,," for doc_id in articles]
    (tmp_path / "metadata.csv").write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return tmp_path


def test_seed_article_is_kept_byte_for_byte(seed_corpus):
    data = SEED_FILE.read_bytes()
    assert hashlib.sha256(data).hexdigest() == SEED_SHA256, f"{SEED_FILE} is no longer the supplied article"
    doc = seed_corpus.documents.set_index("doc_id").loc[SEED_ID]
    assert doc["sha256"] == SEED_SHA256
    assert b"Yushakov" in data and b"Witkof " in data


def test_seed_structure(seed_corpus):
    units = seed_corpus.units()
    seed = units[units["doc_id"] == SEED_ID]
    assert seed["kind"].value_counts().to_dict() == {"paragraph": 12, "heading": 5, "title": 1}
    assert set(seed.loc[seed["kind"] != "paragraph", "lang"]) == {"ar"}
    assert set(seed.loc[seed["kind"] == "paragraph", "lang"]) == {"en"}
    # paragraphs per section, read off the file by hand: lead, then 2, 2, 3, 3, 1
    per_section = seed[seed["kind"] == "paragraph"].groupby("section").size().to_dict()
    assert per_section == {0: 1, 1: 2, 2: 2, 3: 3, 4: 3, 5: 1}
    title = seed[seed["kind"] == "title"].iloc[0]
    assert title["text"].startswith("عقب مباحثات بوتين وويتكوف")
    lead = seed[seed["segment_id"] == f"{SEED_ID}:p01"].iloc[0]
    assert lead["section"] == 0 and lead["section_heading"] == title["text"]
    p02 = seed[seed["segment_id"] == f"{SEED_ID}:p02"].iloc[0]
    assert p02["section_heading"] == "المحادثات الأمريكية الروسية حول أوكرانيا: مسار شائك نحو السلام"


def test_offsets_point_into_the_text(seed_corpus):
    text = SEED_FILE.read_text(encoding="utf-8")
    for row in seed_corpus.segments.itertuples():
        assert text[row.start : row.end] == row.text


def test_sentences_cover_their_parent(seed_corpus):
    segs = seed_corpus.segments
    sents = seed_corpus.sentences()
    assert set(sents["parent"]) == set(seed_corpus.units()["segment_id"])
    p05 = sents[sents["parent"] == f"{SEED_ID}:p05"]["text"].tolist()
    assert len(p05) == 3 and p05[1] == "However, these efforts have yet to yield tangible results."
    # Trump's quote contains a full stop but stays inside one sentence
    quote = segs[segs["text"].str.contains("Our guys are in Russia")]
    assert (quote["kind"] == "sentence").sum() == 1
    assert "it’s a mess,” and estimating" in quote[quote["kind"] == "sentence"]["text"].iloc[0]


def test_metadata_unknown_values_stay_empty(seed_corpus):
    doc = seed_corpus.documents.set_index("doc_id").loc[SEED_ID]
    assert doc["outlet"] == doc["date"] == doc["url"] == doc["licence"] == ""


def test_loads_arabic_only_english_only_and_mixed(tmp_path):
    root = make_corpus(
        tmp_path,
        {
            "ar1": "عنوان الخبر\n\nفقرة أولى عن المحادثات.\nعنوان فرعي\nفقرة ثانية.\n".encode(),
            "en1": b"A headline\n\nFirst paragraph. Second sentence.\nA heading\nAnother paragraph.\n",
            "mix": "Headline\n\nالفقرة الأولى.\nAn English paragraph.\n".encode(),
        },
    )
    corpus = load_corpus(root)
    units = corpus.units().set_index("segment_id")
    assert units.loc["ar1:t", "lang"] == "ar" and units.loc["ar1:h01", "kind"] == "heading"
    assert units.loc["ar1:p02", "section"] == 1
    assert units.loc["en1:h01", "text"] == "A heading"
    assert list(corpus.sentences().query("parent == 'en1:p01'")["text"]) == [
        "First paragraph.",
        "Second sentence.",
    ]
    assert units.loc["mix:p01", "lang"] == "ar" and units.loc["mix:p02", "lang"] == "en"


def test_heading_marker(tmp_path):
    root = make_corpus(tmp_path, {"d": b"Title\n## A heading that ends with a full stop.\nText.\n"})
    units = load_corpus(root).units().set_index("segment_id")
    assert units.loc["d:h01", "text"] == "A heading that ends with a full stop."


def test_bom_and_crlf_are_handled_silently(tmp_path):
    body = "عنوان\r\n\r\nParagraph one.\r\nParagraph two.\r\n"
    root = make_corpus(tmp_path, {"d": b"\xef\xbb\xbf" + body.encode()})
    segs = load_corpus(root).units()
    assert list(segs["text"]) == ["عنوان", "Paragraph one.", "Paragraph two."]
    assert not any("\r" in t or "\ufeff" in t for t in segs["text"])


@pytest.mark.parametrize(
    "case, expected",
    [
        ("missing_folder", "corpus folder not found"),
        ("missing_metadata", "metadata.csv is missing"),
        ("empty_file", "is empty"),
        ("cp1256", "iconv -f WINDOWS-1256"),
        ("duplicate_id", "duplicate doc_id 'a'"),
        ("row_without_file", "does not exist"),
        ("file_without_row", "has no row"),
        ("missing_column", "missing column(s) licence"),
        ("outside", "resolves outside the corpus folder"),
        ("absolute", "resolves outside the corpus folder"),
        ("utf16", "iconv -f UTF-16 -t UTF-8"),
        ("png", "looks like a PNG image"),
        ("latin1", "iconv -f WINDOWS-1252 -t UTF-8"),
        ("punctuation_only", "is empty (it holds no letter or digit"),
        ("unknown_original", "duplicate_of 'zz' of 'a' is not the doc_id of another article"),
    ],
)
def test_bad_input_gets_a_clear_error(tmp_path, case, expected):
    good = b"Title\n\nParagraph.\n"
    if case == "missing_folder":
        root = tmp_path / "nowhere"
    elif case == "missing_metadata":
        root = make_corpus(tmp_path, {"a": good})
        (root / "metadata.csv").unlink()
    elif case == "empty_file":
        root = make_corpus(tmp_path, {"a": b"  \n\n"})
    elif case == "cp1256":
        root = make_corpus(tmp_path, {"a": "عنوان الخبر\n\nفقرة.\n".encode("cp1256")})
    elif case == "duplicate_id":
        root = make_corpus(tmp_path, {"a": good}, rows=["a,articles/a.txt,,,,,,,", "a,articles/a.txt,,,,,,,"])
    elif case == "row_without_file":
        root = make_corpus(tmp_path, {"a": good}, rows=["a,articles/a.txt,,,,,,,", "b,articles/b.txt,,,,,,,"])
    elif case == "file_without_row":
        root = make_corpus(tmp_path, {"a": good, "b": good}, rows=["a,articles/a.txt,,,,,,,"])
    elif case == "missing_column":
        root = make_corpus(tmp_path, {"a": good})
        (root / "metadata.csv").write_text(
            HEADER.rsplit(",", 1)[0] + "\na,articles/a.txt,,,,,,\n", encoding="utf-8"
        )
    elif case == "outside":
        (tmp_path / "inner").mkdir()
        (tmp_path / "outside.txt").write_bytes(good)  # a readable file next to the corpus folder
        root = make_corpus(
            tmp_path / "inner", {"a": good}, rows=["a,articles/a.txt,,,,,,,", "b,../outside.txt,,,,,,,"]
        )
    elif case == "absolute":
        (tmp_path / "inner").mkdir()
        (tmp_path / "outside.txt").write_bytes(good)
        root = make_corpus(tmp_path / "inner", {"a": good}, rows=[f"a,{tmp_path / 'outside.txt'},,,,,,,"])
        (root / "articles" / "a.txt").unlink()
    elif case == "utf16":
        root = make_corpus(tmp_path, {"a": "عنوان الخبر\n\nParagraph.\n".encode("utf-16")})
    elif case == "png":
        root = make_corpus(tmp_path, {"a": PNG})
    elif case == "latin1":
        root = make_corpus(tmp_path, {"a": LATIN1.encode("latin-1")})
    elif case == "punctuation_only":
        root = make_corpus(tmp_path, {"a": "\u200f…\n«» ! ؟\n\u202b.\u202c\n".encode()})
    elif case == "unknown_original":
        root = make_corpus(tmp_path, {"a": good})
        (root / "metadata.csv").write_text(
            HEADER + ",duplicate_of\na,articles/a.txt,,,,,,,,zz\n", encoding="utf-8"
        )
    before = {p: p.read_bytes() for p in root.rglob("*") if p.is_file()} if root.exists() else {}
    with pytest.raises(CorpusError) as err:
        load_corpus(root)
    assert expected in str(err.value)
    if case not in ("missing_folder",):
        assert str(root) in str(err.value)  # the message names the file or folder
    after = {p: p.read_bytes() for p in root.rglob("*") if p.is_file()} if root.exists() else {}
    assert before == after  # nothing was lost or rewritten


@pytest.mark.parametrize(
    "data, right, wrong",
    [
        ("Title\n\nParagraph about Kyiv.\n".encode("utf-16"), "It is UTF-16 text", "WINDOWS-1256"),
        (
            "عنوان\n\nParagraph about Kyiv.\n".encode("utf-16-le"),
            "iconv -f UTF-16LE -t UTF-8",
            "WINDOWS-1256",
        ),
        (PNG, "It is not a text file: it looks like a PNG image", "iconv"),
        (
            LATIN1.encode("latin-1"),
            "decodes as windows-1252 (Western European Windows, a superset of Latin-1)",
            "WINDOWS-1256",
        ),
        (
            "عنوان الخبر\n\nفقرة عن المحادثات في موسكو.\n".encode("cp1256"),
            "its first line then reads “عنوان الخبر”",
            "WINDOWS-1252",
        ),
        (
            "Заголовок\n\nПереговоры продолжатся на следующей неделе.\n".encode("cp1251"),
            "iconv -f WINDOWS-1251",
            "WINDOWS-1256",
        ),
        (b"Title\n\nA paragraph\x00 with a NUL byte in it.\n", "binary data (it holds NUL bytes)", "iconv"),
    ],
)
def test_encoding_hints_name_what_the_file_is(tmp_path, data, right, wrong):
    root = make_corpus(tmp_path, {"a": data})
    with pytest.raises(CorpusError) as err:
        load_corpus(root)
    assert right in str(err.value) and wrong not in str(err.value)
    assert str(root / "articles" / "a.txt") in str(err.value)


def test_a_symbolic_link_out_of_the_corpus_is_refused(tmp_path):
    (tmp_path / "secret.txt").write_text("Secret title\n\nNot for the corpus.\n", encoding="utf-8")
    (tmp_path / "c").mkdir()
    root = make_corpus(
        tmp_path / "c",
        {"a": b"Title\n\nText.\n"},
        rows=["a,articles/a.txt,,,,,,,", "b,articles/b.txt,,,,,,,"],
    )
    (root / "articles" / "b.txt").symlink_to(tmp_path / "secret.txt")
    with pytest.raises(
        CorpusError, match="'articles/b.txt' listed for 'b' resolves outside the corpus folder"
    ):
        load_corpus(root)


def test_marked_duplicates_are_skipped_unless_asked_for(tmp_path):
    root = make_corpus(tmp_path, {"a": b"Title\n\nText.\n", "b": b"Title\n\nText.\n"})
    (root / "metadata.csv").write_text(
        HEADER + ",duplicate_of\na,articles/a.txt,,,,,,,\nb,articles/b.txt,,,,,,,,a\n", encoding="utf-8"
    )
    assert load_corpus(root).documents["doc_id"].tolist() == ["a"]
    assert set(load_corpus(root).segments["doc_id"]) == {"a"}
    both = load_corpus(root, skip_duplicates=False).documents
    assert both["doc_id"].tolist() == ["a", "b"] and both["duplicate_of"].tolist() == ["", "a"]


def test_loader_never_writes_to_the_corpus(tmp_path):
    root = tmp_path / "corpus"
    shutil.copytree(paths.CORPUS, root)
    before = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in root.rglob("*") if p.is_file()}
    load_corpus(root)
    assert before == {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in root.rglob("*") if p.is_file()}


def test_load_annotation(tmp_path):
    root = make_corpus(tmp_path, {"a": b"Title\n\nParagraph.\n"})
    (root / "annotations").mkdir()
    (root / "annotations" / "codes.csv").write_bytes(
        "segment_id,polarity,note\r\na:p01,-1,\r\n".encode("utf-8-sig")
    )
    table = load_annotation("codes.csv", root)
    assert table.to_dict("records") == [{"segment_id": "a:p01", "polarity": "-1", "note": ""}]
    assert load_annotation("absent.csv", root, missing_ok=True) is None
    with pytest.raises(CorpusError, match="absent.csv not found"):
        load_annotation("absent.csv", root)


def test_kind_of_id_matches_the_kind_column(seed_corpus):
    segs = seed_corpus.segments
    assert [kind_of_id(i) for i in segs["segment_id"]] == list(segs["kind"])
