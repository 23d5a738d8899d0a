"""Step 3, roles: a group is killed, wounded, captured, missing or mixed (dead and wounded
together, "casualties") by its head noun ("1,260 deaths"), by the verb before it ("killing
five soldiers", "the death of …"), by the predicate after it ("19 soldiers dead", "were
captured and summarily executed") or by a toll phrase ("the death toll rose to 200")."""

from __future__ import annotations

from warlog.casualties.groups import Group
from warlog.casualties.lexicon import Lexicon
from warlog.casualties.numbers import is_number_word
from warlog.casualties.phrases import Mention, word_kind
from warlog.casualties.quantities import quantity_at
from warlog.casualties.tokens import Token, match_at, match_ending
from warlog.casualties.words import words


def combine(a: str, b: str, lx: Lexicon) -> str:
    """The role of two joined role words ("killed and wounded" -> mixed)."""
    if a == b:
        return a
    return lx.combine.get((a, b)) or lx.combine.get((b, a)) or a


def left_role(tokens: list[Token], g: Group, lx: Lexicon) -> str | None:
    """The role a verb or noun before the group gives it ("killing five", "death of a")."""
    w_ = words()
    k = g.i - 1
    while k >= 0 and tokens[k].low in lx.left_skip:
        k -= 1
    if g.members[0].kind == "title":  # "the killing of *Iranian* General Qasem Soleimani"
        for _ in range(2):
            if k > 0 and tokens[k].text[0].isupper() and tokens[k].low not in lx.titles:
                k -= 1
    if k < 0:
        return None
    person = any(m.head == "person" for m in g.members)
    hit = match_ending(tokens, k, lx.of_phrases)
    if hit is not None:
        n, role = hit
        weak_noun = tokens[k - n + 1].low in lx.weak_of_nouns  # "the loss of 3 tanks"
        return role if person or not weak_noun else None
    hit = match_ending(tokens, k, lx.verbs)
    weak = False
    if hit is None:
        hit = match_ending(tokens, k, lx.weak_verbs)
        weak = True
    if hit is not None:
        n, role = hit
        s = k - n + 1
        if weak and not person:
            return None
        if s > 0 and tokens[s - 1].low in w_.passive_auxiliaries:
            return None  # passive: "were killed 5 km away"
        b = s - 1
        if b > 0 and (tokens[b].low in w_.verb_joiners or tokens[b].low == ","):
            prev = match_ending(tokens, b - 1, lx.verbs) or match_ending(
                tokens, b - 1, lx.weak_verbs
            )
            if prev is not None:
                role = combine(prev[1], role, lx)
        return role
    return None


def toll_role(tokens: list[Token], g: Group, lx: Lexicon) -> str | None:
    """ "the death toll rose to 200", "the number of rebels and civilians killed reached 100".

    Walks left from the count over link words ("was later updated to") and a few others, to a
    toll phrase (``toll_phrases``) or to "number of" with role words after it.
    """
    of_word = words().of_word
    k = g.i - 1
    linked = False
    roles: list[str] = []
    other = 0
    for _ in range(16):
        if k < 0:
            return None
        w = tokens[k].low
        hit = match_ending(tokens, k, lx.tolls)
        if hit is not None and (linked or w in lx.toll_heads):
            return hit[1]
        if (
            w in lx.number_heads
            and k + 1 < len(tokens)
            and tokens[k + 1].low == of_word
            and roles
            and linked
        ):
            role = roles[-1]
            for r in reversed(roles[:-1]):
                role = combine(role, r, lx)
            return role
        word_role = lx.head_roles.get(w) or next(
            (r for ph, r in lx.predicates.get(w, ()) if len(ph) == 1), None
        )
        if w[0].isdigit() and not (k > 0 and tokens[k - 1].text[0].isupper()):
            return None  # another count lies between ("… to 105, while another 140 …")
        if w in lx.toll_links and not roles:
            linked = True
        elif word_role is not None:
            roles.append(word_role)
        elif w[0].isalnum() and other < 8:
            other += 1
        else:
            return None
        k -= 1
    return None


def right_role(
    tokens: list[Token], g: Group, lx: Lexicon, covered: frozenset[int] = frozenset()
) -> tuple[str | None, int]:
    """The role a predicate after the group gives it ("were also killed", "dead")."""
    n = len(tokens)
    k = skip_right(tokens, g.j, lx, covered)
    hit = match_at(tokens, k, lx.predicates)
    if hit is None:
        return None, -1
    length, role = hit
    end = k + length
    if end < n and tokens[k].low in lx.role_words and starts_object(tokens, end, lx):
        return None, -1  # "5 soldiers killed 3 rebels": the group is the agent
    joiners = words().verb_joiners
    while True:
        c = end
        if c < n and tokens[c].low in joiners:
            c2 = skip_right(tokens, c + 1, lx)
            nxt = match_at(tokens, c2, lx.predicates)
            if nxt is not None and not starts_object(tokens, c2 + nxt[0], lx):
                role = combine(role, nxt[1], lx)
                end = c2 + nxt[0]
                continue
        break
    return role, end


def skip_right(
    tokens: list[Token], k: int, lx: Lexicon, covered: frozenset[int] = frozenset()
) -> int:
    """Past auxiliaries, adverbs and asides between a subject and its predicate."""
    w_ = words()
    n = len(tokens)
    while k < n:
        if tokens[k].low == "," and k + 1 < n:
            nxt = tokens[k + 1].low
            if (
                nxt in w_.passive_auxiliaries
                or nxt in w_.clause_openers
                or (match_at(tokens, k + 1, lx.predicates) is not None)
            ):
                k += 1  # "…, were killed" / "…, who was killed" / "Dr X, killed in 1978"
                continue
            close = next((m for m in range(k + 1, min(n, k + 16)) if tokens[m].low == ","), None)
            if close is None:
                return k
            inner = range(k + 1, close)
            if any(match_ending(tokens, m, lx.subset_cues) for m in inner):
                k = close + 1  # ", including 15 soldiers," / ", 13 of them under one year,"
                continue
            after = tokens[close + 1].low if close + 1 < n else ""
            if (after in w_.passive_auxiliaries or after in w_.perfect_auxiliaries) and not any(
                m in covered or tokens[m].low in lx.role_words for m in inner
            ):
                k = close + 1  # an aside: "X, commander of the 150th Division, was killed"
                continue
            return k
        if match_at(tokens, k, lx.predicates) is not None:
            return k  # a predicate that opens with a skipped word: "(five men) to death"
        hit = match_at(tokens, k, lx.right_skip)
        if hit is None:
            return k
        k += hit[0]
    return k


def starts_object(tokens: list[Token], k: int, lx: Lexicon) -> bool:
    """Does a noun phrase (an object) start at ``k``? Then the verb before it is active."""
    if k >= len(tokens):
        return False
    w = tokens[k].low
    if w in lx.passive_followers:
        return False
    return bool(
        is_number_word(w)
        or w in words().determiners
        or (word_kind(w, lx) is not None)
        or tokens[k].text[0].isupper()
        or (quantity_at(tokens, k) is not None)
    )


def assign_roles(tokens: list[Token], groups: list[Group], lx: Lexicon) -> None:
    """Give every group the role its words say (``None`` when nothing ties it to one)."""
    covered = frozenset(
        k for g in groups for m in g.members if m.kind != "bare" for k in range(m.i, m.j)
    )
    for g in groups:
        strong = next(
            (m.head_role for m in g.members if m.head_role is not None and _strong(m, lx, tokens)),
            None,
        )
        if strong is not None:
            g.members = [m for m in g.members if m.head_role == strong]
            g.role = strong
            continue
        role = left_role(tokens, g, lx)
        if role is None:
            role, g.pred_end = right_role(tokens, g, lx, covered)
        if role is None:
            role = toll_role(tokens, g, lx)
        if role is None:
            role = next((m.head_role for m in g.members if m.head_role), None)
            if role is not None:  # only the phrase whose noun says it: "41 … hostage"
                g.members = [m for m in g.members if m.head_role == role]
        if role is None and _is_revision(tokens, g, lx):
            role = next((x.role for x in reversed(groups[: groups.index(g)]) if x.role), None)
        g.role = role


def _is_revision(tokens: list[Token], g: Group, lx: Lexicon) -> bool:
    """ "…; the number was later updated to 200": a new figure for the count before it."""
    k = g.i - 1
    linked = False
    while k >= 0 and tokens[k].low in lx.toll_links:
        linked = True
        k -= 1
    return linked and match_ending(tokens, k, lx.revisions) is not None


def _strong(m: Mention, lx: Lexicon, tokens: list[Token]) -> bool:
    possessive = words().possessive
    return any(t.low.removesuffix(possessive) in lx.strong_heads for t in tokens[m.i : m.j]) and (
        m.head_role in ("killed", "mixed", "wounded")
    )
