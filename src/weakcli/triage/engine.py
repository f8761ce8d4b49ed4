"""The triage engine: plain Python, no I/O.

A session is an immutable `State` (the answers given, in order). `answer()` returns a new state;
`assess()` ranks the causes with naive Bayes over the findings the answers set; `next_question()`
picks the red-flag screen first, then the question with the largest expected information gain.

The model, in short:
- each cause has a prior weight from its prevalence band; "none of these fits well" is one more
  outcome whose findings all occur at their background rate, so weakness from a cause outside
  the knowledge base is not forced onto one inside it;
- a finding linked to a cause occurs with its frequency band's probability, any other finding
  with its background rate, so unrelated findings are neutral;
- "don't know" sets nothing.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Final, Literal, NamedTuple

from weakcli.errors import InputError
from weakcli.kb.vocab import FREQUENCY_PROBABILITY, PREVALENCE_WEIGHT, URGENCIES, Urgency

YES: Final = "yes"
NO: Final = "no"
UNKNOWN: Final = "unknown"
NONE_FITS: Final = "none_fits"
NONE_FITS_SHARE: Final = 0.1
"""Prior probability that the weakness has a cause the knowledge base does not hold."""
MAX_QUESTIONS: Final = 20
"""Interview questions asked at most, after the red-flag screen."""
CLEAR_LEAD: Final = 0.85
"""Stop when one cause has at least this probability."""
MIN_GAIN: Final = 0.02
"""Stop when no question is expected to reduce uncertainty by this many bits."""
NEGLIGIBLE: Final = 1.25
"""A finding whose likelihood ratio is within 1/1.25..1.25 is too weak to be named as a reason."""
KNOWS_TEST_RESULT: Final = 0.35
"""How likely a person is to know a test's result: a test question's expected gain is weighed
by it, so questions about what a person notices come before questions about tests."""
LIKELY: Final = 0.25
"""A cause at least this probable contributes its own urgency."""

if TYPE_CHECKING:
    from weakcli.kb.records import CauseRecord, QuestionRecord, RedFlagRecord
    from weakcli.kb.store import KB

QuestionKind = Literal["red_flag", "yes_no", "choice"]


class Question(NamedTuple):
    """A question as the engine asks it: a red-flag screen, a yes/no or a multiple choice."""

    id: str
    kind: QuestionKind
    text: str
    why: str
    topic: str
    choices: tuple[tuple[str, str], ...]
    """(value, label) pairs, 'don't know' last."""
    effects: tuple[tuple[str, frozenset[str], frozenset[str]], ...]
    """(value, findings present, findings absent) for each answer other than 'don't know'."""


class State(NamedTuple):
    """The answers given so far, in the order given. Never changed: every step makes a new one."""

    answers: tuple[tuple[str, str], ...] = ()
    facts: tuple[tuple[str, bool], ...] = ()
    """Findings known without asking (from HPO terms or a phenopacket): (finding id, present)."""

    def value(self, question_id: str) -> str | None:
        for asked, value in self.answers:
            if asked == question_id:
                return value
        return None

    @property
    def asked(self) -> frozenset[str]:
        return frozenset(question_id for question_id, _ in self.answers)


class Reason(NamedTuple):
    """One finding's weight for or against a cause: a likelihood ratio."""

    finding: str
    label: str
    present: bool
    ratio: float


class RankedCause(NamedTuple):
    id: str
    probability: float
    reasons_for: tuple[Reason, ...]
    reasons_against: tuple[Reason, ...]


class UrgencyReason(NamedTuple):
    level: Urgency
    source: Literal["red_flag", "cause", "default"]
    id: str
    text: str


class Assessment(NamedTuple):
    causes: tuple[RankedCause, ...]
    """Every cause, most probable first (ties broken by id, so results are deterministic)."""
    none_fits: float
    urgency: Urgency
    urgency_reasons: tuple[UrgencyReason, ...]
    red_flags: tuple[str, ...]
    """Red flags answered 'yes', most urgent first."""
    evidence: dict[str, bool]


class Model:
    """The knowledge base compiled for fast updates: built once per process."""

    def __init__(self, kb: KB) -> None:
        self.kb = kb
        self.questions: dict[str, Question] = {}
        self.screen: list[str] = []
        """Red-flag ids, most urgent first: the order of the screen."""
        self.interview: list[str] = []
        self.cause_ids: list[str] = []
        self.log_prior: list[float] = []
        self.background: dict[str, float] = {}
        self.links: dict[str, list[tuple[int, float]]] = {}
        """finding id -> [(cause index, P(finding | cause))] for the causes that name it."""
        self.about_tests: set[str] = set()
        """Questions that only ask for test results."""
        for flag in sorted(kb.red_flags.values(), key=lambda f: URGENCIES.index(f["urgency"])):
            self.questions[flag["id"]] = _flag_question(flag)
            self.screen.append(flag["id"])
        for record in kb.questions.values():
            question = self.questions[record["id"]] = _question(record)
            self.interview.append(record["id"])
            findings = {f for _, present, absent in question.effects for f in present | absent}
            if findings and all(kb.findings[f]["kind"] == "test_result" for f in findings):
                self.about_tests.add(record["id"])
        self.background = {
            finding_id: FREQUENCY_PROBABILITY[finding["background"]]
            for finding_id, finding in kb.findings.items()
        }
        weights = [PREVALENCE_WEIGHT[cause["prevalence"]] for cause in kb.causes.values()]
        total = sum(weights)
        for index, cause in enumerate(kb.causes.values()):
            self.cause_ids.append(cause["id"])
            self.log_prior.append(math.log((1 - NONE_FITS_SHARE) * weights[index] / total))
            for link in (*cause["findings_for"], *cause["findings_against"]):
                probability = FREQUENCY_PROBABILITY[link["frequency"]]
                self.links.setdefault(link["finding"], []).append((index, probability))


def compile_model(kb: KB) -> Model:
    return Model(kb)


def _yes_no(
    kind: QuestionKind, question_id: str, text: str, why: str, topic: str, finding: str
) -> Question:
    """A question whose 'yes' makes `finding` present and whose 'no' makes it absent."""
    return Question(
        id=question_id,
        kind=kind,
        text=text,
        why=why,
        topic=topic,
        choices=((YES, "Yes"), (NO, "No"), (UNKNOWN, "Don't know")),
        effects=(
            (YES, frozenset({finding}), frozenset()),
            (NO, frozenset(), frozenset({finding})),
        ),
    )


def _flag_question(flag: RedFlagRecord) -> Question:
    return _yes_no(
        "red_flag", flag["id"], flag["question"], flag["why"], "warning signs", flag["finding"]
    )


def _question(record: QuestionRecord) -> Question:
    if record["finding"] is not None:
        return _yes_no(
            "yes_no",
            record["id"],
            record["text"],
            record["why"],
            record["topic"],
            record["finding"],
        )
    everything = frozenset(f for option in record["options"] for f in option["findings"])
    effects = tuple(
        (option["id"], frozenset(option["findings"]), everything - frozenset(option["findings"]))
        for option in record["options"]
    )
    choices = tuple((option["id"], option["label"]) for option in record["options"])
    return Question(
        id=record["id"],
        kind="choice",
        text=record["text"],
        why=record["why"],
        topic=record["topic"],
        choices=(*choices, (UNKNOWN, "Don't know")),
        effects=effects,
    )


def answer(model: Model, state: State, question_id: str, value: str) -> State:
    """The state after answering `question_id` with `value` (an earlier answer is replaced)."""
    question = model.questions.get(question_id)
    if question is None:
        raise InputError(f"unknown question '{question_id}'")
    allowed = [choice for choice, _ in question.choices]
    if value not in allowed:
        raise InputError(
            f"'{value}' is not an answer to '{question_id}' (choose one of: {', '.join(allowed)})"
        )
    kept = tuple(pair for pair in state.answers if pair[0] != question_id)
    return State((*kept, (question_id, value)), state.facts)


def take_back(state: State) -> State:
    """The state before the last answer."""
    return State(state.answers[:-1], state.facts)


def with_facts(state: State, facts: Iterable[tuple[str, bool]]) -> State:
    """The state with findings known without asking; answers given later take precedence."""
    return State(state.answers, (*state.facts, *facts))


def evidence(model: Model, state: State) -> dict[str, bool]:
    """Finding id -> present (True) or absent (False); later answers win over earlier ones."""
    found: dict[str, bool] = dict(state.facts)
    for question_id, value in state.answers:
        question = model.questions.get(question_id)
        if question is None:
            continue
        for choice, present, absent in question.effects:
            if choice == value:
                found.update(dict.fromkeys(absent, False))
                found.update(dict.fromkeys(present, True))
    return found


def _chance(probability: float, present: bool) -> float:
    """P(finding is as observed), given P(finding present)."""
    return probability if present else 1 - probability


def likelihood_ratio(probability: float, background: float, present: bool) -> float:
    """How much more likely the observation is with the cause than at the background rate."""
    return _chance(probability, present) / _chance(background, present)


def _log_scores(model: Model, found: dict[str, bool]) -> tuple[list[float], float]:
    """Log posterior weight (unnormalised) of each cause, and of 'none fits'.

    Every outcome shares the background term of each finding, so only a cause's own links
    move its score; 'none fits' keeps its prior.
    """
    scores = list(model.log_prior)
    for finding, present in found.items():
        background = model.background.get(finding)
        if background is None:
            continue
        for index, probability in model.links.get(finding, ()):
            scores[index] += math.log(likelihood_ratio(probability, background, present))
    return scores, math.log(NONE_FITS_SHARE)


def _normalise(scores: Sequence[float], none_fits: float) -> tuple[list[float], float]:
    top = max(*scores, none_fits) if scores else none_fits
    weights = [math.exp(score - top) for score in scores]
    none_weight = math.exp(none_fits - top)
    total = sum(weights) + none_weight
    return [weight / total for weight in weights], none_weight / total


def _posterior(model: Model, found: dict[str, bool]) -> tuple[list[float], float]:
    return _normalise(*_log_scores(model, found))


def probabilities(model: Model, state: State) -> tuple[list[float], float]:
    """P(cause) for every cause (in knowledge-base order) and P(none fits); they sum to 1."""
    return _posterior(model, evidence(model, state))


def assess(model: Model, state: State) -> Assessment:
    kb = model.kb
    found = evidence(model, state)
    posterior, none_fits = _posterior(model, found)
    ranked: list[RankedCause] = []
    for index, cause_id in enumerate(model.cause_ids):
        reasons = _reasons(model, kb.causes[cause_id], found)
        ranked.append(
            RankedCause(
                id=cause_id,
                probability=posterior[index],
                reasons_for=tuple(r for r in reasons if r.ratio >= NEGLIGIBLE),
                reasons_against=tuple(r for r in reasons if r.ratio <= 1 / NEGLIGIBLE),
            )
        )
    ranked.sort(key=lambda cause: (-cause.probability, cause.id))
    raised = raised_flags(model, found)
    level, why = _urgency(model, raised, ranked, none_fits)
    return Assessment(tuple(ranked), none_fits, level, why, tuple(raised), found)


def raised_flags(model: Model, found: dict[str, bool]) -> list[str]:
    """Red flags whose finding is present, most urgent first (answered or known from input)."""
    return [
        flag_id for flag_id in model.screen if found.get(model.kb.red_flags[flag_id]["finding"])
    ]


def _reasons(model: Model, cause: CauseRecord, found: dict[str, bool]) -> list[Reason]:
    reasons = []
    for link in (*cause["findings_for"], *cause["findings_against"]):
        finding = link["finding"]
        if finding not in found:
            continue
        present = found[finding]
        ratio = likelihood_ratio(
            FREQUENCY_PROBABILITY[link["frequency"]], model.background[finding], present
        )
        label = model.kb.findings[finding]["label"]
        reasons.append(Reason(finding, label, present, ratio))
    reasons.sort(key=lambda r: (-abs(math.log(r.ratio)), r.finding))
    return reasons


def _urgency(
    model: Model, raised: Iterable[str], ranked: Sequence[RankedCause], none_fits: float
) -> tuple[Urgency, tuple[UrgencyReason, ...]]:
    """The most urgent of the raised red flags and the likely causes' own urgency.

    A red flag's level can only be matched or raised by the ranking, never lowered.
    """
    kb = model.kb
    reasons: list[UrgencyReason] = []
    for flag_id in raised:
        flag = kb.red_flags[flag_id]
        reasons.append(UrgencyReason(flag["urgency"], "red_flag", flag_id, flag["action"]))
    for cause in ranked:
        if cause.probability < LIKELY:
            break
        record = kb.causes[cause.id]
        reasons.append(UrgencyReason(record["urgency"], "cause", cause.id, record["seek_care"]))
    if not reasons:
        reasons.append(
            UrgencyReason(
                "consultation",
                "default",
                NONE_FITS if none_fits >= LIKELY else "unexplained",
                "Weakness without warning signs and without a clear cause is worth a "
                "doctor's appointment, to find out what is behind it.",
            )
        )
    reasons.sort(key=lambda r: URGENCIES.index(r.level))
    return reasons[0].level, tuple(reasons)


def entropy(values: Iterable[float]) -> float:
    return -sum(p * math.log2(p) for p in values if p > 0)


def expected_gain(model: Model, state: State, question: Question) -> float:
    """Expected reduction of uncertainty (bits) over causes + 'none fits' from asking.

    Only the causes that name one of the question's findings change with its answer, so the
    entropy after each answer is computed from sums over those causes alone: a step costs the
    number of links, not the number of causes.
    """
    found = evidence(model, state)
    posterior, none_fits = _posterior(model, found)
    return _gain(model, found, [*posterior, none_fits], question)


def _gain(model: Model, found: dict[str, bool], current: list[float], question: Question) -> float:
    log2 = math.log2
    s2_all = sum(p * log2(p) for p in current if p > 0)
    before = -s2_all
    outcomes: list[tuple[float, float]] = []  # (unnormalised P(answer), entropy after)
    for _, present, absent in question.effects:
        base = 1.0
        ratios: dict[int, float] = {}
        for finding, is_present in [(f, True) for f in present] + [(f, False) for f in absent]:
            background = model.background.get(finding)
            if background is None or finding in found:
                continue  # unknown to the model, or already known: no change
            base *= _chance(background, is_present)
            for index, probability in model.links.get(finding, ()):
                ratio = likelihood_ratio(probability, background, is_present)
                ratios[index] = ratios.get(index, 1.0) * ratio
        linked_mass = sum(current[i] for i in ratios)
        z_rel = 1 + sum(current[i] * (r - 1) for i, r in ratios.items())
        if z_rel <= 0:
            continue
        k = 1 / z_rel  # q_c = p_c * r_c * k
        s1_unlinked = 1 - linked_mass
        s2_unlinked = s2_all - sum(current[i] * log2(current[i]) for i in ratios if current[i] > 0)
        entropy_after = 0.0
        if s1_unlinked > 0:
            entropy_after -= k * (s2_unlinked + s1_unlinked * log2(k))
        for i, r in ratios.items():
            q = current[i] * r * k
            if q > 0:
                entropy_after -= q * log2(q)
        outcomes.append((base * z_rel, entropy_after))
    mass = sum(p for p, _ in outcomes)
    if mass <= 0:
        return 0.0
    return before - sum(p / mass * h for p, h in outcomes)


class Progress(NamedTuple):
    asked: int
    remaining: int


def interview_count(model: Model, state: State) -> int:
    return sum(1 for question_id, _ in state.answers if question_id not in model.kb.red_flags)


def screen_pending(model: Model, state: State) -> list[str]:
    """Red flags still to ask, in screen order: not answered, and not known from the input."""
    asked = state.asked
    known = dict(state.facts)
    return [
        flag_id
        for flag_id in model.screen
        if flag_id not in asked and model.kb.red_flags[flag_id]["finding"] not in known
    ]


def next_question(model: Model, state: State) -> Question | None:
    """The red-flag screen in order, then the most informative question, or None to stop."""
    pending = screen_pending(model, state)
    if pending:
        return model.questions[pending[0]]
    if interview_count(model, state) >= MAX_QUESTIONS:
        return None
    asked = state.asked
    found = evidence(model, state)
    posterior, none_fits = _posterior(model, found)
    if posterior and max(posterior) >= CLEAR_LEAD:
        return None
    current = [*posterior, none_fits]
    best: Question | None = None
    best_gain = MIN_GAIN
    for question_id in model.interview:
        if question_id in asked:
            continue
        question = model.questions[question_id]
        gain = _gain(model, found, current, question)
        if question_id in model.about_tests:
            gain *= KNOWS_TEST_RESULT
        if gain > best_gain:
            best, best_gain = question, gain
    return best


def progress(model: Model, state: State) -> Progress:
    """Question number and about how many are left (the screen, then up to the cap)."""
    screen_left = len(screen_pending(model, state))
    interview_left = MAX_QUESTIONS - interview_count(model, state)
    unanswered = sum(1 for q in model.interview if q not in state.asked)
    return Progress(len(state.answers) + 1, screen_left + max(0, min(interview_left, unanswered)))
