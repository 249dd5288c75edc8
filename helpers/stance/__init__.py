"""Who takes which position toward whom: attribution, source -> target stance records, portrayal, aggregates.

Two things are kept apart. A *stance statement* is an actor's own position: the actor is
the source of the sentence (subject of a reporting verb, speaker of a quote, by-agent of
"perceived by", owner of "demands", a pronoun carried from the paragraph, the name before a
headline colon) and the record names the target, the cue and the words that scored it.
*Portrayal* is the tone of sentences that mention an actor without it speaking. An actor
that is only mentioned gets no stance: no evidence, no stance.

Polarity (English) is VADER's compound score, with VADER's lexicon from the pinned
vaderSentiment package loaded through NLTK without any download, extended by the domain
cues of helpers/resources/stance_cues.yaml. Arabic is never scored with VADER: its cue list
is summed with negation and normalised like VADER's compound.

Modules: ``cues`` (VADER's lexicon, the cue file, the Arabic valence lexicon), ``scoring``
(polarity of a span), ``vader`` (NLTK's VADER scores, a text's words found token by token),
``lookups`` (the gazetteer's actor table as dicts), ``attribution`` (sources and cues of a
sentence), ``speakers`` (the speaker of a whole text), ``rows`` (the rows one sentence adds),
``records`` (statements, portrayal and quotes per document and per corpus), ``aggregates`` (per
actor, source x target), ``validation`` (against a hand coding, with the measures of
``helpers.reliability``). Every public name is importable from ``helpers.stance``.
"""

from helpers.resource_loader import ResourceError
from helpers.stance.aggregates import stance_by_actor, stance_matrix
from helpers.stance.attribution import (
    ARABIC_SUBJECT_WINDOW,
    COMPLEMENTISERS,
    FIRST_PERSON,
    FIRST_PLURAL,
    FIRST_SINGULAR,
    SOURCE_AFTER_WINDOW,
    Attribution,
    SentenceParse,
    parse_sentence,
    sentence_attributions,
    speaking_for,
)
from helpers.stance.cues import (
    ARABIC_VALENCE_FILE,
    ATTRIBUTION_CLASSES,
    CONFIDENCE_KEYS,
    CUES_FILE,
    NO_TARGET,
    StanceCues,
    load_stance_cues,
    vader_analyzer,
    vader_lexicon_path,
)
from helpers.stance.lookups import ActorTable
from helpers.stance.records import document_stance, stance_records
from helpers.stance.rows import (
    PARSE_MEMO,
    PORTRAYAL_COLUMNS,
    QUOTE_COLUMNS,
    QUOTE_PATTERN,
    STATEMENT_COLUMNS,
)
from helpers.stance.scoring import (
    NEUTRAL_THRESHOLD,
    VADER_ALPHA,
    domain_analyzer,
    polarity_of,
    score_text,
    span_scorer,
)
from helpers.stance.speakers import BYLINE_UNITS, SPEAKER_LEAD, SPEECH_TITLE, speaker_id
from helpers.stance.vader import VADER_PUNCTUATION, VADER_WORD_MEMO, vader_scores, vader_words
from helpers.stance.validation import (
    STANCE_HAND_COLUMNS,
    VALIDATION_COLUMNS,
    check_hand_coding,
    validate_stance,
)

#: The name notebook 03 uses for ``STANCE_HAND_COLUMNS``.
HAND_COLUMNS = STANCE_HAND_COLUMNS

__all__ = [
    "ARABIC_SUBJECT_WINDOW",
    "ARABIC_VALENCE_FILE",
    "ATTRIBUTION_CLASSES",
    "BYLINE_UNITS",
    "COMPLEMENTISERS",
    "CONFIDENCE_KEYS",
    "CUES_FILE",
    "FIRST_PERSON",
    "FIRST_PLURAL",
    "FIRST_SINGULAR",
    "HAND_COLUMNS",
    "NEUTRAL_THRESHOLD",
    "NO_TARGET",
    "PARSE_MEMO",
    "PORTRAYAL_COLUMNS",
    "QUOTE_COLUMNS",
    "QUOTE_PATTERN",
    "SOURCE_AFTER_WINDOW",
    "SPEAKER_LEAD",
    "SPEECH_TITLE",
    "STANCE_HAND_COLUMNS",
    "STATEMENT_COLUMNS",
    "VADER_ALPHA",
    "VADER_PUNCTUATION",
    "VADER_WORD_MEMO",
    "VALIDATION_COLUMNS",
    "ActorTable",
    "Attribution",
    "ResourceError",
    "SentenceParse",
    "StanceCues",
    "check_hand_coding",
    "document_stance",
    "domain_analyzer",
    "load_stance_cues",
    "parse_sentence",
    "polarity_of",
    "score_text",
    "sentence_attributions",
    "speaker_id",
    "span_scorer",
    "speaking_for",
    "stance_by_actor",
    "stance_matrix",
    "stance_records",
    "vader_analyzer",
    "vader_lexicon_path",
    "vader_scores",
    "vader_words",
    "validate_stance",
]
