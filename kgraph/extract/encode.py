"""Encode a sentence as a string of items that relation patterns match against.

Entity mentions become ``⟦P3⟧``-style items, role titles ``⟦T5⟧`` (``⟦C5⟧`` for executive
titles), pronouns and descriptions ("ia", "the company", "sang CEO", "the Palo Alto startup",
"perusahaan asal Singapura itu") become the item of the entity
they refer to (the most recent compatible mention), every other token ``surface/stem``.
See :mod:`kgraph.extract.patterns` for the rule language.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Callable, Container, NamedTuple, Sequence

from spacy.tokens import Span

from kgraph.nlp.cues import doc_words

__all__ = ["Item", "TitleLexicon", "Descriptions", "Encoder", "EncodedSentence", "DocView", "sentence_evidence"]

_LETTER = {"Person": "P", "Organization": "O", "Product": "R", "Group": "G"}


class Item(NamedTuple):
    """One item of an encoded sentence (immutable, equal and hashed by its fields).

    A named tuple rather than a frozen dataclass: one is built per token of every sentence, and
    a frozen dataclass's constructor (a guarded ``__setattr__`` per field) costs four times as much.
    """

    kind: str  # "entity", "title" or "word"
    text: str  # surface text
    start: int  # character offsets in the doc
    end: int
    tok_start: int
    tok_end: int
    name: str | None = None  # canonical entity name
    type: str | None = None  # entity type
    resolved: bool = False  # a pronoun or description resolved to ``name``
    executive: bool = False  # for titles


def sentence_evidence(text: str, start_char: int) -> tuple[str, int]:
    """A sentence's ``text`` (starting at ``start_char``) without surrounding white space, and
    the offset where that starts.

    >>> sentence_evidence("  Acme fired Jo. ", 10)
    ('Acme fired Jo.', 12)
    """
    stripped = text.lstrip()
    return stripped.rstrip(), start_char + len(text) - len(stripped)


@dataclass(frozen=True)
class EncodedSentence:
    """A sentence as one string plus the table of its items (``items[i]`` is mention ``i``)."""

    span: Span
    string: str
    items: tuple[Item, ...]
    text: str = ""  # the sentence's text (``span.text`` rebuilds it from tokens on every access)

    @property
    def evidence(self) -> tuple[str, int]:
        """The sentence without surrounding white space, and the offset where that starts."""
        return sentence_evidence(self.text, self.span.start_char)

    @cached_property
    def index_of(self) -> dict[Item, int]:
        """Position of each item (items are unique: they differ in offsets)."""
        return {item: n for n, item in enumerate(self.items)}

    def item_at(self, encoded: str) -> Item:
        return self.items[int(encoded.strip()[2:-1])]


@dataclass(frozen=True)
class Descriptions:
    """Definite descriptions that point back to an organization: ``the`` + up to
    ``max_modifiers`` words + a head noun ("the Palo Alto startup", "the search giant"), or,
    in a language that puts the head first, a head noun + up to ``max_modifiers`` words + a
    demonstrative ("perusahaan asal Singapura itu", "raksasa teknologi tersebut")."""

    articles: frozenset[str] = frozenset()
    heads: frozenset[str] = frozenset()
    max_modifiers: int = 3
    demonstratives: frozenset[str] = frozenset()


@dataclass(frozen=True)
class TitleLexicon:
    """Role titles: modifier words, head phrases, executive heads and status cues.

    A title may run on past its head: over modifier words, over ``links`` ("of", "for") followed
    by a modifier or a capitalized word ("vice president of Corporate Communications"), over
    ``joiners`` ("dan", "and", "&") between two such words ("Kepala Badan Penelitian dan
    Pengembangan"), and, where the language writes titles capitalized before the organization and
    the name (``capitalized``: "VP Investor Relations Telkom Andi Setiawan"), over capitalized
    words that start no entity. A title never runs into an entity, a head of another title (two
    titles joined by "and" stay two: "president and CEO") or past ``max_words`` words.
    """

    modifiers: frozenset[str]
    heads: tuple[tuple[str, ...], ...]  # longest first
    executive: frozenset[str]  # head phrases (joined by space) that stand without an org
    synonyms: dict[str, str]  # colloquial title -> the role name to report ("bos" -> "CEO")
    links: frozenset[str] = frozenset()
    joiners: frozenset[str] = frozenset()
    capitalized: bool = False
    max_words: int = 8

    @cached_property
    def head_starts(self) -> frozenset[str]:
        """First words of the head phrases (a quick test before trying each head)."""
        return frozenset(h[0] for h in self.heads)

    def match(self, words: Sequence[str], i: int, limit: int | None = None,
              caps: Sequence[bool] | None = None, stops: Container[int] = ()) -> tuple[int, bool] | None:
        """End index and executive flag of the longest title starting at ``words[i]``, if any.

        A title is modifier words, a head phrase, then modifier words ("senior vice president",
        "direktur digital bisnis"), then what it runs on over (see the class); it ends before
        ``limit`` (the sentence's end). ``caps`` tells which words are capitalized in the text,
        ``stops`` where entities start.

        >>> t = TitleLexicon(frozenset({"senior", "vice"}), (("vice", "president"), ("president",)),
        ...                  frozenset(), {}, links=frozenset({"of"}))
        >>> t.match(["a", "senior", "vice", "president", "said"], 1)
        (4, False)
        >>> words = ["vice", "president", "of", "corporate", "affairs", "at", "acme"]
        >>> t.match(words, 0, caps=[False, False, False, True, True, False, True], stops={6})
        (5, False)
        """
        n = len(words) if limit is None else min(limit, len(words))
        j = i
        while j < n and words[j] in self.modifiers:
            j += 1
        best: tuple[int, bool] | None = None
        for k in range(i, j + 1):  # a head may be a modifier word: the longest title wins
            if k >= n or words[k] not in self.head_starts:
                continue
            for head in self.heads:
                if k + len(head) <= n and tuple(words[k:k + len(head)]) == head:
                    end = self._run_on(words, k + len(head), n, min(n, i + self.max_words), caps, stops)
                    if best is None or end > best[0]:
                        best = end, " ".join(head) in self.executive
                    break
        return best

    def _run_on(self, words: Sequence[str], end: int, n: int, cap: int, caps: Sequence[bool] | None,
                stops: Container[int]) -> int:
        """Where a title whose head ends at ``end`` stops running on."""
        linked = False  # capitalized words continue a title after "of"/"for" in any language

        def part(k: int, after_link: bool) -> bool:
            if k >= n or k in stops or words[k] in self.head_starts and not after_link:
                return False
            if words[k] in self.modifiers:
                return True
            return caps is not None and caps[k] and (self.capitalized or after_link or linked) \
                and words[k][:1].isalpha()

        while end < n:
            if words[end] in self.modifiers and end not in stops:
                end += 1
            elif end < cap and part(end, False):
                end += 1
            elif end + 1 < cap and words[end] in self.links and part(end + 1, True):
                linked = True
                end += 2
            elif end + 1 < cap and words[end] in self.joiners and part(end + 1, False) \
                    and (words[end - 1] in self.modifiers or caps is not None and caps[end - 1]):
                end += 2
            else:
                break
        return end


class Encoder:
    """Turns sentences of a Doc into :class:`EncodedSentence` objects.

    Parameters
    ----------
    stem : callable
        Maps a lower-case token to its stem or lemma.
    titles : TitleLexicon
    references : dict
        Entity type -> reference phrases (as tuples of lower-case words) that point back to
        the most recent entity of that type.
    """

    def __init__(self, *, stem: Callable[[str], str], titles: TitleLexicon,
                 references: dict[str, list[tuple[str, ...]]], pronouns: frozenset[str] = frozenset(),
                 descriptions: Descriptions | None = None) -> None:
        self.stem = stem
        self.titles = titles
        self.pronouns = pronouns
        self.descriptions = descriptions or Descriptions()
        self.references: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for etype, phrases in references.items():
            for words in phrases:
                self.references.setdefault(words[0], []).append((words, etype))
        for candidates in self.references.values():
            candidates.sort(key=lambda pair: -len(pair[0]))
        # the words a reference or a title can start with: any other word is a plain word
        self._reference_starts = frozenset(self.references) | self.descriptions.articles \
            | (self.descriptions.heads if self.descriptions.demonstratives else frozenset())
        self._title_starts = titles.modifiers | titles.head_starts

    def encode(self, sent: Span, history: list[Item], counts: dict[str, int] | None = None,
               view: "DocView | None" = None) -> EncodedSentence:
        """Encode ``sent``; ``history`` holds earlier entity items (for references) and grows.

        ``counts`` (mentions per entity name in the document) lets "the company" prefer the
        most recent organization that the article mentions more than once. ``view`` (the doc's
        tokens as plain lists) is built once per doc by callers that encode every sentence.
        """
        counts = counts or {}
        view = view or DocView(sent.doc)
        items: list[Item] = []
        parts: list[str] = []
        i = sent.start
        while i < sent.end:
            ent = view.ent_at.get(i)
            if ent is not None and ent.end <= sent.end:
                item = Item("entity", ent.text, ent.start_char, ent.end_char, ent.start, ent.end,
                            name=ent.kb_id_ or ent.text, type=ent.label_)
                i = ent.end
            elif view.space[i]:
                i += 1
                continue
            else:
                word = view.lower[i]
                item = (word in self._reference_starts and self._reference(view, i, sent.end, history, counts,
                                                                            sent.start)
                        or word in self._title_starts and self._title(view, i, sent.end)
                        or Item("word", view.text(i, i + 1), view.start[i], view.end[i], i, i + 1))
                i = item.tok_end
            if item.kind == "entity":
                history.append(item)
            parts.append(self._encode_item(item, len(items)))
            items.append(item)
        return EncodedSentence(sent, "".join(p + " " for p in parts), tuple(items),
                               view.doc_text[sent.start_char:sent.end_char])

    def _encode_item(self, item: Item, index: int) -> str:
        if item.kind == "entity":
            return f"⟦{_LETTER.get(item.type or '', 'O')}{index}⟧"
        if item.kind == "title":
            return f"⟦{'C' if item.executive else 'T'}{index}⟧"
        low = item.text.lower().replace("/", "∕")
        return f"{low}/{self.stem(low)}"

    def _title(self, view: "DocView", i: int, limit: int) -> Item | None:
        found = self.titles.match(view.lower, i, limit, view.caps, view.ent_at)
        if found is None:
            return None
        end, executive = found
        return Item("title", view.text(i, end), view.start[i], view.end[end - 1], i, end, executive=executive)

    def _reference(self, view: "DocView", i: int, limit: int, history: list[Item],
                   counts: dict[str, int], sent_start: int) -> Item | None:
        """The entity a pronoun or description at ``i`` refers to.

        A pronoun ("it", "ia") or a free description ("the search giant", see
        :meth:`_description`) takes the most recent compatible entity of its own sentence; a
        listed description ("the company") the most recent one the article mentions more than
        once; either falls back to the most recent one. ``Topic`` phrases ("the board") take the
        organization mentioned most often."""
        words = view.lower
        options = list(self.references.get(words[i], ()))
        described = self._description(view, i, limit)
        if described:
            options.append((described, "Organization"))
        for phrase, etype in options:
            if tuple(words[i:min(i + len(phrase), limit)]) != phrase:
                continue
            if i + len(phrase) in view.ent_at and " ".join(phrase) not in self.pronouns:
                continue  # "partnered with the insurer Calder Mutual": it introduces the name
            topic = etype == "Topic"  # "the board": the organization the article is about
            etype = "Organization" if topic else etype
            candidates = [h for h in reversed(history) if h.type == etype and not h.resolved]
            if topic:
                candidates.sort(key=lambda h: -counts.get(h.name or "", 0))
            nearby = " ".join(phrase) in self.pronouns or phrase == described  # "the search giant"
            in_sentence = [h for h in candidates if h.tok_start >= sent_start] if nearby else []
            frequent = [h for h in candidates if counts.get(h.name or "", 0) > 1]
            antecedent = (in_sentence or frequent or candidates or [None])[0]
            if antecedent is None:
                return None
            end = i + len(phrase)
            return Item("entity", view.text(i, end), view.start[i], view.end[end - 1], i, end,
                        name=antecedent.name, type=etype, resolved=True)
        return None

    def _description(self, view: "DocView", i: int, limit: int) -> tuple[str, ...] | None:
        """The words of a definite description starting at ``i`` ("the Palo Alto startup"),
        if one does: a head noun after at most a few plain words, not followed by a name
        (then it introduces that name: "the logistics firm Kirim Kilat")."""
        lex = self.descriptions
        if lex.demonstratives and view.lower[i] in lex.heads:  # "perusahaan asal Singapura itu"
            for j in range(i + 1, min(i + 2 + lex.max_modifiers, limit)):
                if j in view.ent_at or not view.lower[j].replace("-", "").isalnum():
                    return None
                if view.lower[j] in lex.demonstratives:
                    return tuple(view.lower[i:j + 1])
            return None
        if view.lower[i] not in lex.articles or i > 0 and view.lower[i - 1] == ",":
            return None  # "Alphabet, the parent company of Google": an apposition describes its name
        for j in range(i + 1, min(i + 2 + lex.max_modifiers, limit)):
            if j in view.ent_at or not (view.lower[j] == "-" or view.lower[j].replace("-", "").isalnum()):
                return None
            if view.lower[j] in lex.heads:
                after = view.lower[j + 1] if j + 1 < limit else ""
                follows = j + 1 in view.ent_at or after == "of"
                return None if follows or j == i + 1 else tuple(view.lower[i:j + 1])
        return None


class DocView:
    """A doc's tokens as plain lists, read once: spaCy creates a Python object per token access."""

    def __init__(self, doc) -> None:
        self.doc_text = doc.text
        self.lower: list[str] = []
        self.start: list[int] = []
        self.end: list[int] = []
        self.space: list[bool] = []
        for tok in doc:
            self.lower.append(tok.lower_)
            self.start.append(tok.idx)
            self.space.append(tok.is_space)
        texts = doc_words(doc)[0]  # the token texts, read once per doc by the name finder
        self.end = [start + len(text) for start, text in zip(self.start, texts)]
        self.caps = [text[:1].isupper() for text in texts]
        self.ent_at = {ent.start: ent for ent in doc.ents}

    def text(self, i: int, j: int) -> str:
        """The text of tokens ``i`` to ``j`` (exclusive)."""
        return self.doc_text[self.start[i]:self.end[j - 1]]
