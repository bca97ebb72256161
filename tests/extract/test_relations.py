"""Relations a reader of the team's own test articles expects, in Indonesian and English."""
from __future__ import annotations

from conftest_extract import ARTICLES, triples


def test_relations_id_nominal_firing_with_relative_date(extract_file):
    found = triples(extract_file("id-pemecatan-sinar-kode.txt"))
    fired = found[("Sinar Kode", "fired", "Andika Nugraha")]
    assert fired.modality == "asserted"
    assert fired.date == "2023-11-21"
    assert fired.rule.startswith("id.fired")
    assert "Andika" in fired.evidence


def test_relations_id_denial_negates_resignation(extract_file):
    found = triples(extract_file("id-pendiri-hengkang.txt"))
    assert found[("Wulan Damayanti", "resigned", "Karsa Digital")].modality == "asserted"
    assert found[("Putri Ayuningrum", "resigned", "Karsa Digital")].modality == "negated"
    assert ("Fajar Kurniadi", "founded", "Karsa Digital") in found


def test_relations_id_layoff_and_compensation_to_group(extract_file):
    extraction = extract_file("id-phk-kompensasi.txt")
    found = triples(extraction)
    # Indonesian names the workforce as it writes it ("karyawan Rimba Games", SCHEMA.md's
    # "karyawan GoTo"); the graph's node keeps "Rimba Games employees", as English news makes it
    assert ("Rimba Games", "laidOff", "karyawan Rimba Games") in found
    assert ("Rimba Games", "offeredCompensation", "karyawan Rimba Games") in found
    group = extraction.entity("karyawan Rimba Games")
    assert group is not None and group.type == "Group"
    assert (group.known_as, group.member_of) == ("Rimba Games employees", "Rimba Games")


def test_relations_en_firing_dated(extract_file):
    fired = triples(extract_file("en-fired-gridmark.txt"))[("Gridmark", "fired", "Calvin Marsh")]
    assert (fired.modality, fired.date) == ("asserted", "2024-03-11")


def test_relations_en_denied_firing_is_negated(extract_file):
    found = triples(extract_file("en-pelita-denies-firing.txt"))
    assert found[("Pelita Fintech", "fired", "Dimas Anggoro")].modality == "negated"


def test_relations_en_symmetric_partnership_stored_once(extract_file):
    rels = [r for r in extract_file("en-markup-partnership.txt").relations if r.relation == "partnerOf"]
    assert len(rels) == 1
    assert {rels[0].subject, rels[0].object} == {"Copperline Networks", "Halberd Security"}


def test_relations_carry_offsets_confidence_and_rule(extract_file):
    extraction = extract_file("en-layoffs-kitebase.txt")
    text = extraction.article.text
    assert extraction.relations
    for r in extraction.relations:
        assert text[r.start:r.end] == r.evidence
        assert 0 < r.confidence <= 1
        assert r.rule.startswith("en.")


def test_relations_seed_article(extract_file, shared_eval):
    """The Kontan seed: who fired whom, the staff's threat, Microsoft's offer, one Altman."""
    extraction = extract_file(shared_eval / "seed" / "id-kontan-openai-2023.txt")
    found = triples(extraction)
    fired = found[("OpenAI", "fired", "Sam Altman")]
    assert (fired.modality, fired.date) == ("asserted", "2023-11-17")
    assert found[("karyawan OpenAI", "joined", "Microsoft")].modality == "uncertain"
    assert found[("Microsoft", "offeredCompensation", "karyawan OpenAI")].modality == "asserted"
    altman = extraction.entity("Sam Altman")
    assert {"Altman", "Sam Atlman"} <= set(altman.aliases)
    # nothing comes from the "Baca Juga:" related-headline lines
    assert all("Baca Juga" not in r.evidence for r in extraction.relations)
    assert extraction.entity("The Information") is None


def test_relations_date_from_the_following_sentence(extractor):
    """The layoff sentence has no date; the next one only says when it was announced."""
    from datetime import date

    from kgraph.models import Article

    text = ("Startup logistik Kirimaja melakukan PHK terhadap ratusan karyawan Kirimaja.\n"
            "Keputusan itu diumumkan kepada karyawan pada Jumat (18/11).")
    extraction = extractor.extract(Article(id="t", text=text, lang="id", published=date(2022, 11, 20)))
    laid_off = [r for r in extraction.relations if r.relation == "laidOff"]
    assert laid_off and laid_off[0].date == "2022-11-18"


def test_relations_a_move_makes_the_posts_elsewhere_former_but_a_board_seat_does_not(extractor):
    from kgraph.extract.discourse import demote_left_posts
    from kgraph.models import Article, Relation

    text = ("Tessa Varga, chief technology officer of Beta Labs, led its cloud work for six years. "
            "Tessa Varga joined Acme Corp on Monday.")
    posts = [r for r in extractor.extract(Article(id="t", text=text, lang="en")).relations
             if r.relation == "holdsPosition" and r.object == "Beta Labs"]
    assert posts and {r.status for r in posts} == {"former"}
    post = Relation("Tessa Varga", "holdsPosition", "Beta Labs", role="CTO", status="current",
                    evidence="Tessa Varga, CTO of Beta Labs, spoke.", start=0)
    seat = Relation("Tessa Varga", "joined", "Acme Corp", evidence="Tessa Varga joined the board.", start=40,
                    rule="en.joined.board")
    assert demote_left_posts([post, seat], ())[0].status == "current"


def test_relations_explain_names_rules(tmp_path):
    from typer.testing import CliRunner

    from kgraph.cli import app

    result = CliRunner().invoke(app, ["explain", str(ARTICLES / "en-fired-gridmark.txt")])
    assert result.exit_code == 0, result.output
    assert "fired: Gridmark -> Calvin Marsh" in result.output
    assert "rule en.fired" in result.output


def test_relations_explain_shows_type_evidence(tmp_path):
    from typer.testing import CliRunner

    from kgraph.cli import app

    article = tmp_path / "tiktok.txt"
    article.write_text("TikTok fired 200 people in Dublin on Monday.\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["explain", str(article), "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "type by evidence: TikTok -> Organization: Product 1 (prior), Organization 2 (after 'fired')" in result.output
