"""The rule-based name finder, on sentences the team wrote (English and Indonesian)."""
from __future__ import annotations

import pytest

from tests.nlp.conftest import entities


@pytest.mark.parametrize("text, expected", [
    # title before, title after, apposition with a title
    ("Brightwell chief executive Dana Okafor resigned.", {"Brightwell": "Organization", "Dana Okafor": "Person"}),
    ("Tomas Lindgren, Brightwell's finance chief, left.", {"Tomas Lindgren": "Person", "Brightwell": "Organization"}),
    ("Yusuf Demir, a former vice president of sales, joined the board.", {"Yusuf Demir": "Person"}),
    # initials and diacritics, honorifics
    ("The board named Carla J. Montes and Zoë Brandström to lead it.",
     {"Carla J. Montes": "Person", "Zoë Brandström": "Person"}),
    ("Dr. Amara Osei spoke first.", {"Amara Osei": "Person"}),
    ("Conan O'Neill and Jean-Luc Marchand met in Kuala Lumpur.", {"Conan O'Neill": "Person", "Jean-Luc Marchand": "Person"}),
    # organization words, legal forms, cues, verbs and prepositions
    ("Shares of Vantor Holdings and Kelpie Inc. rose.", {"Vantor Holdings": "Organization", "Kelpie Inc.": "Organization"}),
    ("She moved to logistics firm Harrowgate.", {"Harrowgate": "Organization"}),
    ("Dana Okafor was head of design at Mirelle Works before.", {"Mirelle Works": "Organization", "Dana Okafor": "Person"}),
    ("Pellucid laid off 90 workers on Friday.", {"Pellucid": "Organization", "Pellucid employees": "Group"}),
    ("Orsolya Varga is a Trelliswick co-founder.", {"Trelliswick": "Organization", "Orsolya Varga": "Person"}),
    ("Jane Morrow, the chief executive of Quillbank, spoke.", {"Jane Morrow": "Person", "Quillbank": "Organization"}),
    ("Investors who helped oust Brannock, has left the board.", {}),  # no apposition without a determiner
    ("Meridel, the longtime rival, stayed quiet.", {"Meridel": "Organization"}),
    ("The report ran in the Harbor Ledger on Sunday.", {"Harbor Ledger": "Organization"}),  # no person takes "the"
    # products by cue
    ("Users left the Nimbly app and its chatbot, Quipster, after the change.", {"Nimbly": "Product", "Quipster": "Product"}),
])
def test_names_english(nlp_en, text, expected):
    assert entities(nlp_en(text)) == expected


@pytest.mark.parametrize("text, expected", [
    ("Direktur Utama Arunika Bayu Prasetyo mengundurkan diri.", {"Arunika": "Organization", "Bayu Prasetyo": "Person"}),
    ("Pendiri Kopiloka, Sekar Wulandari, menolak berkomentar.", {"Kopiloka": "Organization", "Sekar Wulandari": "Person"}),
    ("Mantan Menteri Koordinator Bidang Perekonomian Hadi Kusuma hadir.", {"Hadi Kusuma": "Person"}),
    ("Perusahaan logistik Rantai Kilat mengakuisisi startup pembayaran Bayarin.",
     {"Rantai Kilat": "Organization", "Bayarin": "Organization"}),
    ("Dana itu berasal dari PT Sinar Harapan Digital Tbk dan Kapital Nusa Ventures.",
     {"PT Sinar Harapan Digital Tbk": "Organization", "Kapital Nusa Ventures": "Organization"}),
    ("Ia kini bekerja di Lentera Data setelah keluar dari Kopiloka.",
     {"Lentera Data": "Organization", "Kopiloka": "Organization"}),
    ("Aplikasi Dompetku sempat tidak dapat diakses.", {"Dompetku": "Product"}),
    ("Platform e-commerce Pasarnesia menggandeng layanan platform Bayarin.",
     {"Pasarnesia": "Organization", "Bayarin": "Product"}),
    # lowercase words inside a title, portfolio words, a known organization between title and name
    ("Menteri Komunikasi dan Informatika Rudi Hartono Wibisono hadir.", {"Rudi Hartono Wibisono": "Person"}),
    ("Head of Public Affairs Kopiloka Nadia Lestari membantah kabar itu.",
     {"Kopiloka": "Organization", "Nadia Lestari": "Person"}),
    ("Juru bicara Kopiloka Indonesia, Teddy Pratama, menjelaskan promo itu.",
     {"Kopiloka Indonesia": "Organization", "Teddy Pratama": "Person"}),
    ("Kepala Eksekutif Pengawas OJK Rasmin menyebut keputusan itu final.",
     {"OJK": "Organization", "Rasmin": "Person"}),  # the printed form, not the gazetteer's
    ("Kepala Ekonom Bank Sentosa Yohanes Siregar menilai suku bunga tetap tinggi.",
     {"Bank Sentosa": "Organization", "Yohanes Siregar": "Person"}),
])
def test_names_indonesian(nlp_id, text, expected):
    assert entities(nlp_id(text)) == expected


@pytest.mark.parametrize("text", [
    "On Monday, Oct. 4, the company said the outage in the United States was over.",
    "In January, the Palo Alto startup said nothing.",
    "Kini, pada Selasa (21/11), kantor di Jakarta dan Asia Tenggara tutup.",
    "Ratusan Karyawan Mengancam Mogok",  # a title-case sub-heading
    "Regenerasi Kepemimpinan Perusahaan",
    "Jelang Hari Raya Idul Fitri, harga naik.",  # a holiday
    "The Digital Markets Act takes effect soon.",  # a law
    "She spoke at the Tech Leaders Summit.",  # an event
    "Program Kartu Sejahtera kembali dibuka.",  # a government programme
    "The cable runs under the Karimata Strait to the Pearl River delta.",  # a name ending in a place word
    "Satelit itu meluncur dari Cape Canaveral ke orbit di atas Selat Karimata.",  # a place head
    "Kantor barunya ada di Palo Alto dan Cupertino.",  # a foreign place, printed as in English
    "Tema acara tahun ini adalah Kasih Sayang bagi sesama.",  # capitalized words of the language, said once
])
def test_names_rejects_common_capitals(nlp_en, nlp_id, text):
    nlp = nlp_id if any(w in text for w in ("Kini", "Ratusan", "Regenerasi", "Jelang", "Program", "Satelit",
                                            "Kantor", "Tema")) else nlp_en
    assert entities(nlp(text)) == {}


def test_names_place_before_an_organization_word_starts_the_name(nlp_en, nlp_id):
    assert entities(nlp_en("Tokyo Century Corporation invested in the lender.")) == {
        "Tokyo Century Corporation": "Organization"}
    assert entities(nlp_id("Dana itu dipimpin Tokyo Century Corporation.")) == {
        "Tokyo Century Corporation": "Organization"}
    assert entities(nlp_id("Investasi itu dipimpin Samudra Labs.")) == {"Samudra Labs": "Organization"}


def test_names_single_unknown_word_needs_a_known_name(nlp_en):
    doc = nlp_en("Stellan Brun founded the lab. Later, Brun said Kaltrix was a risk.")
    assert entities(doc) == {"Stellan Brun": "Person"}  # "Kaltrix" has no cue: not guessed


def test_names_organization_known_elsewhere_splits_title_run(nlp_id):
    doc = nlp_id("Perusahaan rintisan Awan Biru memecat manajernya. "
                 "CEO Awan Biru Gilang Ramadhan menyebut keputusan itu berat.")
    assert entities(doc) == {"Awan Biru": "Organization", "Gilang Ramadhan": "Person"}


def test_names_sentence_initial_word_before_known_name(nlp_id):
    doc = nlp_id("CEO Arunika, Bayu Prasetyo, dipecat. Sikap Prasetyo dinilai keliru.")
    assert doc._.kg_entities["Bayu Prasetyo"].aliases == ("Prasetyo",)
    assert "Sikap Prasetyo" not in entities(doc)


def test_names_legal_form_around_a_known_name(nlp_id):
    doc = nlp_id("Izin PT Investree Radhika Jaya dicabut. Investree menolak berkomentar.")
    assert doc._.kg_entities["Investree"].aliases == ("PT Investree Radhika Jaya",)


def test_names_known_organization_followed_by_an_arm_or_its_corporate_form(nlp_en):
    doc = nlp_en("Citigroup Global Markets Inc. advised LinkedIn Corporation, and Rakuten Ventures invested. "
                 "LinkedIn said so.")
    assert entities(doc) == {"Citigroup Global Markets Inc.": "Organization", "LinkedIn": "Organization",
                             "Rakuten Ventures": "Organization"}  # Citigroup's arm is a firm of its own
    assert {e.kb_id_ for e in doc.ents if e.text.startswith("LinkedIn")} == {"LinkedIn"}  # one LinkedIn


def test_names_a_longer_name_printed_after_a_known_one_wins(nlp_en):
    doc = nlp_en("Reliance Communications and Vodafone India lost users to Reliance Jio Infocomm, "
                 "the telecom subsidiary. Google Toolbar was made by Google.")
    assert entities(doc) == {"Reliance Communications": "Organization", "Vodafone India": "Organization",
                             "Reliance Jio Infocomm": "Organization", "Google Toolbar": "Product",
                             "Google": "Organization"}


def test_names_a_legal_form_with_its_full_stop_closes_a_name(nlp_en):
    # the sentence splitter keeps "Corp." inside the sentence: the name must still end there
    doc = nlp_en("It kept a 35.5% stake in Yahoo Japan Corp. Altaba Inc holds the rest. "
                 "Shares of Kelpie Inc. Chief Executive Dana Okafor sold fell.")
    found = entities(doc)
    assert found["Yahoo Japan Corp."] == "Organization" and found["Altaba Inc"] == "Organization"
    assert "Kelpie Inc." in found and not any("Corp. " in name or "Inc. " in name for name in found)


def test_names_a_coined_word_after_a_known_name_is_a_name_of_its_own(nlp_id):
    found = entities(nlp_id("Klaim itu disebarkan akun Twitter DarkTracer pada Senin."))
    assert "Twitter" in found and not any(name.startswith("Twitter ") for name in found)


def test_names_capitalized_words_of_the_language_with_no_cue_are_no_name(nlp_en, nlp_id):
    assert entities(nlp_en("She passed the Uniform Bar Exam in 2019, and Lena Fischer joined Brightloom Labs.")) == {
        "Lena Fischer": "Person", "Brightloom Labs": "Organization"}
    assert "Hubungan Masyarakat" not in entities(nlp_id("Kepala Hubungan Masyarakat menyampaikan bahwa Budi "
                                                        "Santoso bergabung dengan Lintas Bayar."))


def test_names_a_known_name_before_a_person_stays_short(nlp_id):
    found = entities(nlp_id("Deputi Bidang Komunikasi BPJS Ketenagakerjaan Oni Marbun menjawab. "
                            "CEO Gojek Kevin Aluwi hadir. Grab Indonesia juga hadir."))
    assert found["Oni Marbun"] == "Person" and found["Kevin Aluwi"] == "Person"
    assert found["Grab Indonesia"] == "Organization" and "Gojek Kevin Aluwi" not in found


def test_names_english_titles_in_indonesian_and_titles_joined_by_ampersand(nlp_id):
    assert entities(nlp_id("Director & Chief Financial Officer Indosat Eyas Naif Assaf mengatakan hal itu.")) == {
        "Indosat": "Organization", "Eyas Naif Assaf": "Person"}
    assert entities(nlp_id("VP Corporate Communication Telkom Arif Prabowo meminta publik menunggu.")) == {
        "Telkom": "Organization", "Arif Prabowo": "Person"}


@pytest.mark.parametrize("text, expected", [
    # a model number goes on the name before it, and the name is a product
    ("Brightwell Labs will sell the Lumo 3 headset next year.", {"Brightwell Labs": "Organization", "Lumo 3": "Product"}),
    ("Players rushed to buy Kart Rally 8 Deluxe in March.", {"Kart Rally 8 Deluxe": "Product"}),
    ("Quillbank Inc. built the Vexa-4 model.", {"Quillbank Inc.": "Organization", "Vexa-4": "Product"}),
    # a count, a unit or a year is no model number
    ("Shares of Brightwell Labs 40 percent down in 2023.", {"Brightwell Labs": "Organization"}),
    ("Telecom firm Quillbank 5G network opened.", {"Quillbank": "Organization"}),
    ("Shares of Brightwell Labs rose on Nov 3 and Sept 26.", {"Brightwell Labs": "Organization"}),
    ("Telecom firm Quillbank raised Rs 70 crore for AES 256-bit encryption.", {"Quillbank": "Organization"}),
])
def test_names_model_numbers_english(nlp_en, text, expected):
    assert entities(nlp_en(text)) == expected


@pytest.mark.parametrize("text, expected", [
    ("Perusahaan Kopiloka merilis Lumo 15 Pro Max pekan lalu.", {"Kopiloka": "Organization", "Lumo 15 Pro Max": "Product"}),
    ("Startup Kopiloka 10 tahun lalu berdiri.", {"Kopiloka": "Organization"}),
    ("Tahap 2 pendanaan startup Kopiloka selesai.", {"Kopiloka": "Organization"}),
])
def test_names_model_numbers_indonesian(nlp_id, text, expected):
    assert entities(nlp_id(text)) == expected


@pytest.mark.parametrize("lang, text, expected", [
    # nouns that name a kind of organization, before the name
    ("en", "The donation went to the Danish charity Mirelle Brandt.", {"Mirelle Brandt": "Organization"}),
    ("en", "She left the consultancy Brannock Vale last year.", {"Brannock Vale": "Organization"}),
    ("id", "Dana itu disalurkan lewat yayasan Kopiloka Rintis.", {"Kopiloka Rintis": "Organization"}),
])
def test_names_kind_of_organization_before_a_name(nlp_en, nlp_id, lang, text, expected):
    assert entities((nlp_en if lang == "en" else nlp_id)(text)) == expected
