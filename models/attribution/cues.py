"""English cue lexicons: the verbs and nouns that mark who said, reported or believes what.

Lemmas, lower case. The lists are linguistic classes (verbs of saying, of cognition, of stance),
kept apart because they take their content differently: a clause, or a plain object.
"""

from __future__ import annotations

import re
from typing import Any

# Verbs of communication whose content is a clause ("said that ...", "warned ...", quotes).
SPEECH_VERBS = frozenset(
    """
say tell add claim confirm deny state announce report explain argue insist warn note write
reply respond admit acknowledge ask declare predict promise recall stress emphasize emphasise
tweet testify assert maintain contend concede suggest mention observe remark comment complain
allege reveal disclose indicate signal boast brag joke quip continue conclude caution urge vow
pledge threaten assure reassure recount hint question counter retort shout yell exclaim
whisper post repeat reiterate underline highlight proclaim inform notify advise clarify
specify charge speculate acknowledge estimate forecast guarantee swear testify lament concur
agree disagree grumble muse propose recommend order demand direct instruct insist object
protest rule show find determine decide announce explain admit confess argue write blog
add answer point read describe
""".split()
)

# Verbs of cognition and attitude: beliefs and stances are attributions in the gold too.
COGNITION_VERBS = frozenset(
    """
believe think feel know expect hope fear worry doubt suspect assume guess figure reckon
suppose realize realise understand recognize recognise imagine wish wonder acknowledge
remember forget learn hear see fret bet trust insist sense conclude agree
""".split()
)

# Verbs whose reported content is often a plain object: stances ("X backs Y").
STANCE_VERBS = frozenset(
    """
support back endorse oppose criticize criticise condemn praise reject dismiss defend blame
accuse attack slam blast denounce applaud welcome tout cite describe announce mention mock
question reveal express discuss call chastise lambaste assail hail rebuke scold deride ridicule
decry disavow repudiate champion embrace favor favour
""".split()
)

# Public acts that put forward or judge a position ("unveiled a plan", "offered an apology",
# "credited the volunteers"): weaker cues, kept only with a person or organisation as subject.
ACT_VERBS = frozenset(
    """
offer release issue unveil outline present publish file share underscore promote address list
credit celebrate admire implore bemoan eviscerate downplay challenge dispute refute rebut laud
commend fault thank spotlight trumpet float push recommend nominate
""".split()
)

# Verbs that cast someone or something as what the holder judges it to be ("sees X as Y"):
# cues only with an "as" phrase.
CASTING_VERBS = frozenset(
    """
see view regard consider portray paint cast label brand describe depict characterize
characterise treat
""".split()
)

# Verbs of intention and appeal whose content is a to-infinitive ("vowed to fight on").
INTENT_VERBS = frozenset(
    """
vow pledge promise threaten decline refuse urge ask call seek plan intend want expect agree
hope demand decide choose prefer like love offer aim propose hesitate wish press
""".split()
)

# Verb + preposition cues whose content is the prepositional object ("called for a ban").
PREP_CUES: dict[str, frozenset[str]] = {
    "call": frozenset({"for", "on"}),
    "push": frozenset({"for"}),
    "talk": frozenset({"about"}),
    "speak": frozenset({"about", "of", "out"}),
    "refer": frozenset({"to"}),
    "warn": frozenset({"of", "about", "against"}),
    "point": frozenset({"to"}),
    "complain": frozenset({"about"}),
    "argue": frozenset({"for", "against"}),
    "advocate": frozenset({"for"}),
    "lobby": frozenset({"for", "against"}),
    "campaign": frozenset({"for", "against"}),
    "criticize": frozenset({"for"}),
    "blame": frozenset({"for", "on"}),
    "accuse": frozenset({"of"}),
    "praise": frozenset({"for"}),
    "attack": frozenset({"for", "over"}),
    "apologize": frozenset({"for"}),
    "boast": frozenset({"about", "of"}),
    "brag": frozenset({"about"}),
    "joke": frozenset({"about"}),
    "testify": frozenset({"about"}),
    "comment": frozenset({"on"}),
    "insist": frozenset({"on"}),
    "respond": frozenset({"to"}),
    "balk": frozenset({"at"}),
    "object": frozenset({"to"}),
    "reflect": frozenset({"on"}),
    "lash": frozenset({"out"}),
    "rail": frozenset({"against", "at"}),
    "worry": frozenset({"about"}),
    "ask": frozenset({"about", "for"}),
}

# Verbs that only count as cues with a clause; with an object they are ordinary actions
# ("he added a clause", "she showed the ring").
CLAUSE_ONLY = frozenset(
    """
add continue show find point read answer determine decide learn hear see know feel remember
forget rule order direct post write conclude
""".split()
)

# Speech verbs whose object is the addressee, not the message ("told reporters").
RECIPIENT_VERBS = frozenset(
    """
tell ask inform notify assure reassure urge warn advise remind caution instruct order direct
answer
""".split()
)


PERSONAL_PRONOUNS = {
    "he": "m",
    "him": "m",
    "his": "m",
    "she": "f",
    "her": "f",
    "hers": "f",
}
PLURAL_PRONOUNS = frozenset({"they", "them", "their"})
NEUTER_PRONOUNS = frozenset({"it", "its"})
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})

# Honorifics that reveal a speaker's gender for pronoun agreement.
HONORIFIC_GENDER = {
    "mr": "m",
    "mr.": "m",
    "mrs": "f",
    "mrs.": "f",
    "ms": "f",
    "ms.": "f",
    "sir": "m",
    "lady": "f",
    "madam": "f",
    "lord": "m",
}

# Words that may stand before a name in a source mention without being part of the name.
TITLE_WORDS = frozenset(
    """
president vice president-elect senator sen. sen rep. rep representative governor gov. gov
minister secretary general secretary-general chancellor prime mayor spokesman spokeswoman
chief director chairman chairwoman chair leader speaker judge justice ambassador envoy
king queen prince pope dr. dr mr. mr mrs. mrs ms. ms former candidate ceo founder head
commissioner officer general colonel lt. sgt. professor prof. u.s. state un
""".split()
)

# Nominalised speech acts, attitudes and decisions: "X's claim that ...", "X's call for ...".
NOUN_CUES = frozenset(
    """
claim statement criticism decision warning call suggestion attack assertion promise proposal
advice opposition hope fear belief argument insistence demand plea pledge vow threat denial
accusation allegation complaint comment remark question praise endorsement rejection doubt
concern push appeal contention prediction explanation announcement admission acknowledgment
assessment position stance willingness refusal plan intention desire wish ruling testimony
rhetoric talk response defense defence support objection critique condemnation charge insult
dismissal assurance confidence enthusiasm frustration skepticism scepticism anger view
attempt effort bid determination commitment reluctance eagerness vision
""".split()
)

# Nouns that frame the rest of a sentence as someone's opinion ("in X's view", "to X's mind").
VIEW_NOUNS = frozenset(
    {
        "view",
        "opinion",
        "estimation",
        "judgment",
        "judgement",
        "mind",
        "words",
        "telling",
        "account",
    }
)

# Focusing and degree adverbs that quantify a source ("nearly half", "only two Democrats").
DEGREE_ADVERBS = frozenset(
    """
nearly almost only just virtually roughly approximately about around some over barely fully
even more less fewer at least
""".split()
)

# Nouns for a message whose possessor is its source ("his remarks", "the campaign's statement").
MESSAGE_NOUNS = frozenset(
    """
statement remark comment email e-mail letter tweet post message speech note memo release
announcement testimony response reply answer interview op-ed editorial essay column ad
advertisement video
""".split()
)


# Verbs by which data or a document reports a finding ("the poll shows", "the study found").
EVIDENCE_VERBS = frozenset(
    """
show find suggest indicate reveal demonstrate confirm put give have project
""".split()
)

# Sources that are data or documents rather than people.
DATA_NOUNS = frozenset(
    """
poll survey study data result report analysis figure number research audit record document
file projection estimate tally count model forecast review investigation filing statistic
""".split()
)


def cue_lemma(token: Any) -> str:
    """The lemma, where the tagger's is another word's: "hoped" comes out as "hop"."""
    lemma = token.lemma_.lower()
    if lemma == "hop" and token.lower_.startswith("hope"):
        return "hope"
    return lemma


# Not claims, however a tagger reads them: refusals to comment and requests for anonymity.
REFUSAL = re.compile(
    r"\b(?:requests? for comment|(?:declined|refused) to (?:comment|say)|could not be reached"
    r"|did not (?:immediately )?(?:respond|return|reply)|not (?:to )?be (?:named|identified)"
    r"|condition of anonymity|no comment)\b",
    re.IGNORECASE,
)
