"""One short sentence per phrasing a rule covers, in the team's own words, in both languages."""
from __future__ import annotations

from datetime import date

import pytest

from conftest_extract import triples
from kgraph.models import Article
from kgraph.extractor import Extractor

CASES = [
    # English
    ("en", "Brightloom Labs fired Tessa Varga on Monday.", ("Brightloom Labs", "fired", "Tessa Varga"), "asserted"),
    ("en", "Tessa Varga was let go by Brightloom Labs last week.", ("Brightloom Labs", "fired", "Tessa Varga"), "asserted"),
    ("en", "Brightloom Labs did not fire its chief executive, Tessa Varga, the company said.", ("Brightloom Labs", "fired", "Tessa Varga"), "negated"),
    ("en", "Brightloom Labs did not fire Tessa Varga, the company said on Friday.", ("Brightloom Labs", "fired", "Tessa Varga"), "negated"),
    ("en", "Vantora, the cloud security startup, has removed its chief executive, Lydia Brennan, the company said.", ("Vantora", "fired", "Lydia Brennan"), "asserted"),
    ("en", "Vantora, a cloud software company, cut about 120 jobs in March.", ("Vantora", "laidOff", "Vantora employees"), "asserted"),
    ("en", "Pivotline's founder and chief executive, Amara Quist, will stay on.", ("Amara Quist", "founded", "Pivotline"), "asserted"),
    ("en", "Halcyon Robotics grew. The deal follows Halcyon's partnership with Norsk Freight.", ("Halcyon Robotics", "partnerOf", "Norsk Freight"), "asserted"),
    ("en", "Halcyon Robotics grew. The Palo Alto-based robotics company later fired Tobias Rennert.", ("Halcyon Robotics", "fired", "Tobias Rennert"), "asserted"),
    ("en", "Halcyon Robotics bought Pivotline. Halcyon's chief executive, Tobias Rennert, praised it.", ("Tobias Rennert", "holdsPosition", "Halcyon Robotics"), "asserted"),
    ("en", "Brightloom Labs is backed by Harrow Ventures, which led its last round.", ("Harrow Ventures", "investedIn", "Brightloom Labs"), "asserted"),
    ("en", "Streamwell, the Berlin-based music streaming company, appointed Ines Navarro as chief executive on Thursday.", ("Ines Navarro", "holdsPosition", "Streamwell"), "asserted"),
    ("en", "Brightloom Labs named a new chief. She replaces co-founder Omar Pell, who stepped down.", ("Omar Pell", "founded", "Brightloom Labs"), "asserted"),
    ("en", "Brightloom Labs reportedly considered cutting up to 15% of its workforce.", ("Brightloom Labs", "laidOff", "Brightloom Labs employees"), "uncertain"),
    ("en", "Brightloom Labs has hired Tessa Varga, a veteran of Quarrystone Inc., as its chief technology officer.", ("Tessa Varga", "holdsPosition", "Brightloom Labs"), "asserted"),
    ("en", "Brightloom Labs makes the Pebble Notes writing assistant.", ("Brightloom Labs", "developed", "Pebble Notes"), "asserted"),
    ("en", "Brightloom Labs denied reports that it may acquire Quarrystone Inc.", ("Brightloom Labs", "acquired", "Quarrystone Inc."), "negated"),
    ("en", "Brightloom Labs may acquire Quarrystone Inc. next year.", ("Brightloom Labs", "acquired", "Quarrystone Inc."), "uncertain"),
    ("en", "Quarrystone Inc. was acquired by Brightloom Labs in May.", ("Brightloom Labs", "acquired", "Quarrystone Inc."), "asserted"),
    ("en", "Harrow Ventures led a $20 million round in Brightloom Labs.", ("Harrow Ventures", "investedIn", "Brightloom Labs"), "asserted"),
    ("en", "Omar Pell, a co-founder of Brightloom Labs, left the company in March.", ("Omar Pell", "founded", "Brightloom Labs"), "asserted"),
    ("en", "Brightloom Labs is a subsidiary of Kestrow Holdings.", ("Kestrow Holdings", "parentOf", "Brightloom Labs"), "asserted"),
    ("en", "Brightloom Labs laid off 200 employees on Friday.", ("Brightloom Labs", "laidOff", "Brightloom Labs employees"), "asserted"),
    ("en", "Brightloom Labs offered to hire the Quarrystone Inc. employees who want to leave.", ("Quarrystone Inc. employees", "joined", "Brightloom Labs"), "uncertain"),
    ("en", "Brightloom Labs offered Tessa Varga a $3 million retention bonus to stay.", ("Brightloom Labs", "offeredCompensation", "Tessa Varga"), "asserted"),
    ("en", "Brightloom Labs launched Pebble Notes for small shops on Tuesday.", ("Brightloom Labs", "developed", "Pebble Notes"), "asserted"),
    ("en", "Rimba Pay competes directly with Brightloom Labs in online payments.", ("Brightloom Labs", "competitorOf", "Rimba Pay"), "asserted"),  # symmetric: ordered by name
    ("en", "Omar Pell, who founded Brightloom Labs, said the company would focus on its warehouse robot, Strider.", ("Brightloom Labs", "developed", "Strider"), "asserted"),
    ("en", "Brightloom Labs did not say whether its drone unit, Brightloom Air, would be sold.", ("Brightloom Labs", "parentOf", "Brightloom Air"), "asserted"),
    ("en", "Brightloom Labs hired Tessa Varga, a former Quarrystone engineer, as head of research.", ("Tessa Varga", "holdsPosition", "Quarrystone"), "asserted"),
    ("en", "Brightloom Labs makes the Pebble Notes app. Analysts said it could sell Pebble Notes to Quarrystone Inc. next year.", ("Quarrystone Inc.", "acquired", "Pebble Notes"), "uncertain"),
    ("en", "The board of Brightloom Labs has removed Omar Pell as chairman.", ("Omar Pell", "holdsPosition", "Brightloom Labs"), "asserted"),
    ("en", "Harrow Ventures, the firm run by Omar Pell, joined the round.", ("Omar Pell", "holdsPosition", "Harrow Ventures"), "asserted"),
    ("en", "Kestrow said on Monday that Kestrow Cloud would hire 200 engineers.", ("Kestrow", "parentOf", "Kestrow Cloud"), "asserted"),
    ("en", "Brightloom Labs and Calder Mutual will form a joint venture to sell the ring in Asia.", ("Brightloom Labs", "partnerOf", "Calder Mutual"), "asserted"),
    ("id", "PT Rimba Niaga dan Lumbara Digital membentuk perusahaan patungan di Jakarta.", ("Lumbara Digital", "partnerOf", "PT Rimba Niaga"), "asserted"),
    ("id", "Lumbara menyebut Lumbara Indonesia akan merekrut 200 insinyur.", ("Lumbara", "parentOf", "Lumbara Indonesia"), "asserted"),
    ("en", "The deal was signed by Omar Pell, who founded Harrow Ventures in 2012 and is still its chief executive.", ("Omar Pell", "holdsPosition", "Harrow Ventures"), "asserted"),
    ("id", "Rimba Pay, yang dipimpin oleh Budi Santoso, menambah modal.", ("Budi Santoso", "holdsPosition", "Rimba Pay"), "asserted"),
    ("id", "Budi Santoso kini memimpin PT Rimba Niaga.", ("Budi Santoso", "holdsPosition", "PT Rimba Niaga"), "asserted"),
    ("en", "Brightloom Labs said its chief will leave. She will be succeeded by Omar Pell, the company's chief financial officer.", ("Omar Pell", "holdsPosition", "Brightloom Labs"), "asserted"),
    ("en", "Tessa Varga co-founded Brightloom Labs in 2012 with her brother, Omar Varga, who left in 2019.", ("Omar Varga", "founded", "Brightloom Labs"), "asserted"),
    ("en", "Harrow Ventures, an existing investor, also took a stake in Brightloom Labs last spring.", ("Harrow Ventures", "investedIn", "Brightloom Labs"), "asserted"),
    ("en", "Brightloom Labs raised $60 million in March in a round that included Harrow Ventures and Kestrow Capital.", ("Kestrow Capital", "investedIn", "Brightloom Labs"), "asserted"),
    ("en", "Brightloom Labs has partnered with the insurer Calder Mutual to offer the ring.", ("Brightloom Labs", "partnerOf", "Calder Mutual"), "asserted"),
    ("en", "Brightloom Labs competes with larger rivals such as Dataforge and Cloudmere.", ("Brightloom Labs", "competitorOf", "Cloudmere"), "asserted"),
    ("en", "Brightloom Labs hired Ben Adeyemi, a longtime designer at Apple, to lead hardware.", ("Ben Adeyemi", "holdsPosition", "Apple"), "asserted"),
    ("en", "Brightloom Labs, which competes with Nvidia and AMD in data-center chips, cut about 5% of its workforce in June.", ("Brightloom Labs", "laidOff", "Brightloom Labs employees"), "asserted"),
    ("en", "Voltaic Labs, founded in 2016 by Lena Fischer and two former Intel engineers, had raised more than $300 million from investors including Sequoia Capital and Tiger Global.", ("Tiger Global", "investedIn", "Voltaic Labs"), "asserted"),
    ("en", "Meridian Bank said its app failed. The bank's chief information officer, Alan Cho, said no data was stolen.", ("Alan Cho", "holdsPosition", "Meridian Bank"), "asserted"),
    ("en", "Meridian Bank, which is owned by the Castellan Financial Group, was fined.", ("Castellan Financial Group", "parentOf", "Meridian Bank"), "asserted"),
    ("en", "Brightloom Labs grew. The Oslo-based startup's chief executive, Tessa Varga, said so.", ("Tessa Varga", "holdsPosition", "Brightloom Labs"), "asserted"),
    ("en", "Brightloom Labs denied a Bloomberg report that it plans to cut 10% of its staff.", ("Brightloom Labs", "laidOff", "Brightloom Labs employees"), "negated"),
    ("en", "Brightloom Labs, which was founded by former Google researchers Ada Okoro and Sven Holm, grew fast.", ("Sven Holm", "founded", "Brightloom Labs"), "asserted"),
    ("en", "Brightloom Labs has appointed Omar Pell, who was chief financial officer of rival Quarrystone Inc. until March, as its new finance chief.", ("Omar Pell", "holdsPosition", "Quarrystone Inc."), "asserted"),
    ("en", "Brightloom Labs, whose biggest shareholder is the investment firm Northpeak Holdings, has been expanding.", ("Northpeak Holdings", "investedIn", "Brightloom Labs"), "asserted"),
    ("en", "Brightloom Labs grew. It bought the Mexican payments startup Pagora last year.", ("Brightloom Labs", "acquired", "Pagora"), "asserted"),
    ("en", "Brightloom Labs named its treasurer, Kofi Mensah, as interim finance chief after Omar Pell left.", ("Kofi Mensah", "holdsPosition", "Brightloom Labs"), "asserted"),
    ("en", "Brightloom Labs was valued at $4 billion in its last funding round, led by Redwood Growth Partners.", ("Redwood Growth Partners", "investedIn", "Brightloom Labs"), "asserted"),
    ("en", "Brightloom Labs's main competitor, Datastream, was bought by Vexel Corp in 2022.", ("Brightloom Labs", "competitorOf", "Datastream"), "asserted"),
    ("en", "Quartzline Inc will lay off about 1,200 employees, or 8% of its workforce.", ("Quartzline Inc", "laidOff", "Quartzline Inc employees"), "asserted"),
    ("en", "Brightloom Labs grew. Brightloom Labs's largest shareholder, Tern Capital, wants profits.", ("Tern Capital", "investedIn", "Brightloom Labs"), "asserted"),
    ("en", "Priya Das, who previously led sales for Google Cloud in Asia, left Google last year to start her own company, Cirrus Labs, which Brightloom Labs acquired in June.", ("Priya Das", "founded", "Cirrus Labs"), "asserted"),
    ("en", "Priya Das, who previously led sales for Google Cloud in Asia, left Google last year to start her own company, Cirrus Labs, which Brightloom Labs acquired in June.", ("Priya Das", "resigned", "Google"), "asserted"),
    ("en", "Priya Das, who previously led sales for Google Cloud in Asia, left Google last year to start her own company, Cirrus Labs, which Brightloom Labs acquired in June.", ("Brightloom Labs", "acquired", "Cirrus Labs"), "asserted"),
    ("en", "Brightloom Labs has fired its co-founder and chief product officer, Omar Haddad, after an investigation.", ("Brightloom Labs", "fired", "Omar Haddad"), "asserted"),
    ("en", "Brightloom Labs raised $80 million from Harrow Ventures and Kestrow Capital.", ("Kestrow Capital", "investedIn", "Brightloom Labs"), "asserted"),
    ("en", "Brightloom Labs competes with Rimba Pay and Quarrystone in online payments.", ("Brightloom Labs", "competitorOf", "Quarrystone"), "asserted"),
    ("en", "Brightloom Labs, a payments firm, grew fast. It is a subsidiary of the Kestrow Group.", ("Kestrow Group", "parentOf", "Brightloom Labs"), "asserted"),
    ("en", "She replaces Omar Pell, who stepped down in May to join Quarrystone Inc. as president.", ("Omar Pell", "holdsPosition", "Quarrystone Inc."), "asserted"),
    # Indonesian
    ("id", "Perusahaan rintisan Lumbara memecat Direktur Keuangan Hadi Saputra pada Senin (3/6).", ("Lumbara", "fired", "Hadi Saputra"), "asserted"),
    # a reference back to the organization: "startup tersebut", "emiten tersebut"
    ("id", "PT Lumbara Nusantara menutup putaran pendanaan pekan lalu. Sejak 2019, startup tersebut dipimpin oleh Hadi Saputra sebagai CEO.", ("Hadi Saputra", "holdsPosition", "PT Lumbara Nusantara"), "asserted"),
    ("id", "Lumbara Digital merugi tahun lalu. Emiten tersebut memangkas 300 karyawan pada Maret.", ("Lumbara Digital", "laidOff", "karyawan Lumbara Digital"), "asserted"),
    ("id", "Lumbara Digital merugi tahun lalu. Perusahaan teknologi asal Bandung itu memangkas 300 karyawan pada Maret.", ("Lumbara Digital", "laidOff", "karyawan Lumbara Digital"), "asserted"),
    ("id", "Hadi Saputra dipecat oleh startup Lumbara pada Senin (3/6).", ("Lumbara", "fired", "Hadi Saputra"), "asserted"),
    ("id", "Startup fintech Lumbara membantah telah memecat Hadi Saputra.", ("Lumbara", "fired", "Hadi Saputra"), "negated"),
    ("id", "Kabarnya, startup Lumbara akan mengakuisisi startup logistik Kirimcepat.", ("Lumbara", "acquired", "Kirimcepat"), "uncertain"),
    ("id", "Perusahaan modal ventura Arunika Capital menanamkan modal senilai Rp50 miliar di Lumbara.", ("Arunika Capital", "investedIn", "Lumbara"), "asserted"),
    ("id", "Rina Oktaviani hengkang ke Kirimcepat setelah tujuh tahun di Lumbara.", ("Rina Oktaviani", "joined", "Kirimcepat"), "asserted"),
    ("id", "Startup Lumbara bersaing ketat dengan Kirimcepat di pasar logistik.", ("Kirimcepat", "competitorOf", "Lumbara"), "asserted"),
    ("id", "Arunika Capital berinvestasi Rp50 miliar di Lumbara.", ("Arunika Capital", "investedIn", "Lumbara"), "asserted"),
    ("id", "Startup Lumbara meluncurkan Kasirdesa untuk warung di pedesaan.", ("Lumbara", "developed", "Kasirdesa"), "asserted"),
    ("id", "Startup Lumbara menawarkan bonus retensi Rp2 miliar kepada Hadi Saputra.", ("Lumbara", "offeredCompensation", "Hadi Saputra"), "asserted"),
    ("id", "Rina Oktaviani sebelumnya menjabat sebagai Direktur Keuangan di PT Kirim Cepat Nusantara.", ("Rina Oktaviani", "holdsPosition", "PT Kirim Cepat Nusantara"), "asserted"),
    ("id", "Tahun lalu, startup Lumbara diakuisisi oleh grup ritel Mitra Abadi.", ("Mitra Abadi", "acquired", "Lumbara"), "asserted"),
    ("id", "Startup Lumbara tumbuh pesat. Hadi Saputra, yang juga salah satu pendiri Lumbara, memutuskan hengkang untuk fokus pada bisnis keluarga.", ("Hadi Saputra", "resigned", "Lumbara"), "asserted"),
    ("id", "PT Kirim Cepat Indonesia menunjuk Rina Oktaviani. Direktur Utama Kirim Cepat, Hadi Saputra, menyambutnya.", ("Hadi Saputra", "holdsPosition", "PT Kirim Cepat Indonesia"), "asserted"),
    ("id", "Startup Lumbara memangkas 50 karyawan pada Senin.", ("Lumbara", "laidOff", "karyawan Lumbara"), "asserted"),
    ("id", "Startup Lumbara tumbuh pesat. Hadi Saputra membantah rumor bahwa Lumbara akan memangkas karyawan.", ("Lumbara", "laidOff", "karyawan Lumbara"), "negated"),
    ("id", "Lumbara memutus hubungan kerja ratusan karyawan Lumbara pada Jumat (7/6).", ("Lumbara", "laidOff", "karyawan Lumbara"), "asserted"),
    ("id", "Startup Lumbara memperoleh pendanaan Seri B senilai US$ 20 juta yang dipimpin oleh Arunika Capital.", ("Arunika Capital", "investedIn", "Lumbara"), "asserted"),
    ("id", "Analis menilai startup Lumbara kemungkinan akan menjual aplikasi Kasirdesa kepada Mitra Abadi.", ("Mitra Abadi", "acquired", "Kasirdesa"), "uncertain"),
    ("id", "Hadi Saputra membantah kabar bahwa startup Lumbara akan dijual kepada Mitra Abadi.", ("Mitra Abadi", "acquired", "Lumbara"), "negated"),
    ("id", "Startup Lumbara bersaing dengan startup Kirimcepat. Lumbara merekrut Rina Oktaviani, mantan eksekutif Kirimcepat, sebagai kepala operasional.", ("Rina Oktaviani", "holdsPosition", "Kirimcepat"), "asserted"),
    ("id", "Startup Lumbara merekrut Rina Oktaviani, mantan eksekutif Kirimcepat, sebagai kepala operasional.", ("Rina Oktaviani", "holdsPosition", "Lumbara"), "asserted"),
    ("id", "Dewan komisaris PT Lumbara Tbk memberhentikan Hadi Saputra dari jabatan direktur utama.", ("Hadi Saputra", "holdsPosition", "PT Lumbara Tbk"), "asserted"),
    ("id", "Startup Lumbara tumbuh. Hadi Saputra sudah lebih dulu hengkang dari perusahaan pada 2021 untuk bergabung dengan startup Kirimcepat.", ("Hadi Saputra", "joined", "Kirimcepat"), "asserted"),
    ("id", "Rina Oktaviani sebelumnya bekerja sebagai vice president engineering di Gojek.", ("Rina Oktaviani", "holdsPosition", "Gojek"), "asserted"),
    ("id", "Startup Lumbara memecat kepala pemasaran Hadi Saputra pekan lalu.", ("Hadi Saputra", "holdsPosition", "Lumbara"), "asserted"),
    ("id", "Startup Lumbara didirikan pada 2015 oleh Hadi Saputra dan Yusuf Hakim.", ("Yusuf Hakim", "founded", "Lumbara"), "asserted"),
    ("id", "Startup Lumbara tumbuh. Perusahaan ini telah mengantongi pendanaan dari sejumlah investor, termasuk East Ventures dan Temasek.", ("Temasek", "investedIn", "Lumbara"), "asserted"),
    ("id", "Startup Lumbara dikabarkan tengah menjajaki merger dengan pesaingnya, Kirimcepat.", ("Kirimcepat", "competitorOf", "Lumbara"), "asserted"),
    ("id", "Langkah ini diumumkan oleh CEO sekaligus pendiri startup Lumbara, Hadi Saputra, pada Selasa (14/5).", ("Hadi Saputra", "holdsPosition", "Lumbara"), "asserted"),
    ("id", "PT Graha Niaga Nusantara Tbk menyuntikkan dana Rp 500 miliar kepada anak usahanya, platform belanja daring Tokoku.", ("PT Graha Niaga Nusantara Tbk", "investedIn", "Tokoku"), "asserted"),
    ("id", "PT Graha Niaga Nusantara Tbk menyuntikkan dana Rp 500 miliar kepada anak usahanya, platform belanja daring Tokoku.", ("PT Graha Niaga Nusantara Tbk", "parentOf", "Tokoku"), "asserted"),
    ("id", "Startup Lumbara menunjuk mantan petinggi Lazada, Rina Oktaviani, sebagai COO.", ("Rina Oktaviani", "holdsPosition", "Lazada"), "asserted"),
    ("id", "PT Telko Nusantara Tbk kembali menambah investasi di perusahaan aplikasi transportasi Ojekku senilai US$ 300 juta.", ("PT Telko Nusantara Tbk", "investedIn", "Ojekku"), "asserted"),
    ("id", "Startup Lumbara didirikan Hadi Saputra bersama Rina Oktaviani dan Yusuf Hakim pada 2010.", ("Yusuf Hakim", "founded", "Lumbara"), "asserted"),
    ("id", "Hadi Saputra mundur dari startup Lumbara dan digantikan oleh dua co-CEO, yakni Rina Oktaviani dan Yusuf Hakim.", ("Yusuf Hakim", "holdsPosition", "Lumbara"), "asserted"),
    ("id", "Startup Lumbara didukung oleh investor seperti Sequoia Capital dan Alpha JWC Ventures.", ("Alpha JWC Ventures", "investedIn", "Lumbara"), "asserted"),
    ("id", "Presiden Direktur PT Tokonesia Digital Indonesia, Rahmat Hidayat, mengundurkan diri dari jabatannya.", ("Rahmat Hidayat", "resigned", "PT Tokonesia Digital Indonesia"), "asserted"),
    ("id", "Rahmat Hidayat bergabung dengan startup Lumbara pada 2019 setelah sebelumnya menjabat Head of Growth di Bukalapak.", ("Rahmat Hidayat", "holdsPosition", "Bukalapak"), "asserted"),
    ("id", "Startup Lumbara merupakan salah satu pesaing utama Tokopedia dan Shopee di Indonesia.", ("Lumbara", "competitorOf", "Shopee"), "asserted"),
    ("id", "Salah satu pendiri startup keuangan Dana Kita, Intan Permata, menyerahkan kursi CEO kepada wakilnya, Bayu Aditya.", ("Bayu Aditya", "holdsPosition", "Dana Kita"), "asserted"),
    ("id", "Salah satu pendiri startup keuangan Dana Kita, Intan Permata, menyerahkan kursi CEO kepada wakilnya, Bayu Aditya.", ("Intan Permata", "founded", "Dana Kita"), "asserted"),
    ("id", "Startup Lumbara memangkas 300 karyawan. Ani Lestari mengatakan Lumbara akan memberikan kompensasi sesuai undang-undang kepada karyawan Lumbara yang terdampak.", ("Lumbara", "offeredCompensation", "karyawan Lumbara"), "asserted"),
    ("id", "Startup Lumbara tumbuh. Perusahaan ini juga sempat dikabarkan akan diakuisisi oleh Mitra Abadi.", ("Mitra Abadi", "acquired", "Lumbara"), "uncertain"),
    ("id", "Perusahaan modal ventura asal Singapura, Orchard Capital, memimpin pendanaan Seri A senilai US$ 25 juta untuk startup agritech Tani Maju.", ("Orchard Capital", "investedIn", "Tani Maju"), "asserted"),
    ("id", "Startup Tani Maju meraih dana. Putaran ini juga diikuti oleh Gayo Ventures.", ("Gayo Ventures", "investedIn", "Tani Maju"), "asserted"),
    ("id", "Startup Tani Maju didirikan Rudi Setiawan bersama rekannya, Dewi Anggraini, pada 2019.", ("Dewi Anggraini", "founded", "Tani Maju"), "asserted"),
    ("id", "Hadi Saputra adalah CEO Kirimcepat sejak 2021.", ("Hadi Saputra", "holdsPosition", "Kirimcepat"), "asserted"),
    ("id", "Rina Oktaviani ditunjuk sebagai direktur keuangan Kirim Kilat pada Senin (3/6).", ("Rina Oktaviani", "holdsPosition", "Kirim Kilat"), "asserted"),
    ("id", "Hadi Saputra bergabung dengan perusahaan logistik Kirim Kilat sebagai chief operating officer.", ("Hadi Saputra", "holdsPosition", "Kirim Kilat"), "asserted"),
    ("id", "Startup Lumbara tumbuh pesat. Perusahaan itu merekrut Hadi Saputra pekan lalu.", ("Hadi Saputra", "joined", "Lumbara"), "asserted"),
]


def _extract(extractor, text: str, lang: str, published: date | None = None):
    return extractor.extract(Article(id="t", text=text, lang=lang, published=published))


def _found(extractor, text: str, lang: str, published: date | None = None):
    """The article's relations by (subject, relation, object)."""
    return triples(_extract(extractor, text, lang, published))


@pytest.mark.parametrize("lang, text, triple, modality", CASES, ids=[c[1][:40] for c in CASES])
def test_phrasing(extractor, lang, text, triple, modality):
    found = _found(extractor, text, lang, published=date(2024, 6, 10))
    assert triple in found, sorted(found)
    assert found[triple].modality == modality


def test_phrasing_roles_of_a_succession(extractor):
    text = ("Brightloom Labs named a new chief executive on Tuesday. "
            "Tessa Varga was promoted to chief operating officer.")
    found = _found(extractor, text, "en")
    post = found[("Tessa Varga", "holdsPosition", "Brightloom Labs")]
    assert post.role == "chief operating officer" and post.status == "current"


def test_phrasing_a_post_held_before_is_former(extractor):
    text = "Rina Oktaviani sebelumnya menjabat sebagai Direktur Keuangan di PT Kirim Cepat Nusantara."
    found = _found(extractor, text, "id")
    post = found[("Rina Oktaviani", "holdsPosition", "PT Kirim Cepat Nusantara")]
    assert post.role == "Direktur Keuangan" and post.status == "former"


def test_phrasing_a_post_worked_before_is_not_joining():
    # the rules' reading: the learned scorer follows the corpus gold, which writes "worked at" as
    # joined, a reading measured on the blind half
    text = "Startup Lumbara menunjuk Rina Oktaviani. Rina sebelumnya bekerja di Bank Mandala selama sepuluh tahun."
    found = _found(Extractor(scorer=False), text, "id")
    assert ("Rina Oktaviani", "joined", "Bank Mandala") not in found


def test_phrasing_the_nearest_person_is_the_one_who_resigned(extractor):
    text = ("Startup Lumbara menunjuk Rina Oktaviani sebagai direktur keuangan. "
            "Ia menggantikan Hadi Saputra yang mengundurkan diri pada April lalu. "
            "Hadi kini bergabung dengan perusahaan logistik Kirim Kilat sebagai COO.")
    found = _found(extractor, text, "id", published=date(2024, 6, 10))
    assert ("Hadi Saputra", "resigned", "Lumbara") in found, sorted(found)
    assert ("Hadi Saputra", "joined", "Kirim Kilat") in found
    assert ("Hadi Saputra", "resigned", "Kirim Kilat") not in found  # one leaves the old employer
    assert not any(s == "Rina Oktaviani" and r == "resigned" for s, r, _ in found)
    assert found[("Rina Oktaviani", "holdsPosition", "Lumbara")].status == "current"


def test_phrasing_a_month_is_not_a_modal_and_the_new_employer_is_not_left(extractor):
    text = "She replaces Omar Pell, who stepped down in May to join Quarrystone Inc. as president."
    found = _found(extractor, text, "en", published=date(2024, 6, 10))
    assert found[("Omar Pell", "joined", "Quarrystone Inc.")].modality == "asserted"  # "May" the month
    assert found[("Omar Pell", "holdsPosition", "Quarrystone Inc.")].status == "current"
    assert ("Omar Pell", "resigned", "Quarrystone Inc.") not in found


def test_phrasing_its_needs_its_organization_in_the_sentence(extractor):
    text = ("Brightloom Labs hired Omar Pell. The move marks a turn for a startup that raised money. "
            "Its consumer chatbot, Pebble, struggled.")
    found = _found(extractor, text, "en")
    assert not any(r == "developed" for _, r, _ in found), sorted(found)  # "its" has no antecedent here


def test_phrasing_a_weekday_without_a_published_date_has_no_date(extractor):
    text = "Brightloom Labs laid off 200 employees on Thursday."
    found = _found(extractor, text, "en")
    assert found[("Brightloom Labs", "laidOff", "Brightloom Labs employees")].date is None  # not last Thursday
    dated = _found(extractor, text, "en", published=date(2024, 6, 10))
    assert dated[("Brightloom Labs", "laidOff", "Brightloom Labs employees")].date == "2024-06-06"


def test_phrasing_a_post_one_was_removed_from_is_former(extractor):
    text = "Dewan komisaris PT Lumbara Tbk memberhentikan Hadi Saputra dari jabatan direktur utama."
    post = _found(extractor, text, "id")[("Hadi Saputra", "holdsPosition", "PT Lumbara Tbk")]
    assert (post.role, post.status) == ("direktur utama", "former")
    text = "Startup Lumbara menunjuk Rina Oktaviani sebagai pelaksana tugas direktur utama."
    post = _found(extractor, text, "id")[("Rina Oktaviani", "holdsPosition", "Lumbara")]
    assert (post.role, post.status) == ("direktur utama", "interim")


def test_phrasing_a_definite_description_points_back_to_an_organization(extractor):
    text = ("Quarrystone Inc. will not buy Brightloom Labs. The Oslo-based startup, founded in 2019 by "
            "Tessa Varga, will carry on. Omar Pell left Kestrow Group in 2022, years after the software "
            "giant bought Pivotline. Kestrow Group, the parent company of Harrow Ventures, said nothing.")
    found = _found(extractor, text, "en")
    assert ("Tessa Varga", "founded", "Brightloom Labs") in found, sorted(found)
    assert ("Kestrow Group", "acquired", "Pivotline") in found  # the giant of its own sentence
    assert ("Kestrow Group", "parentOf", "Harrow Ventures") in found  # an apposition is no reference


def test_phrasing_a_denial_stops_at_its_clause(extractor):
    text = ("Startup Lumbara memecat Hadi Saputra pekan lalu. "
            "Hadi Saputra membantah dipecat dan mengaku mengundurkan diri.")
    found = _found(extractor, text, "id")
    assert found[("Hadi Saputra", "resigned", "Lumbara")].modality == "asserted"
    text = "Brightloom Labs fired Omar Pell. Omar Pell denied being fired but said he resigned from Brightloom Labs."
    found = _found(extractor, text, "en")
    assert found[("Omar Pell", "resigned", "Brightloom Labs")].modality == "asserted"


def test_phrasing_leaving_for_a_new_employer_is_not_leaving_it(extractor):
    text = ("Startup Lumbara tumbuh. Hadi Saputra sudah lebih dulu hengkang dari perusahaan pada 2021 "
            "untuk bergabung dengan startup Kirimcepat.")
    found = _found(extractor, text, "id")
    assert ("Hadi Saputra", "resigned", "Kirimcepat") not in found, sorted(found)


def test_phrasing_a_stake_is_an_investment_not_an_acquisition(extractor):
    text = "Harrow Ventures acquired a 10% stake in Brightloom Labs."
    found = _found(extractor, text, "en")
    assert ("Harrow Ventures", "investedIn", "Brightloom Labs") in found
    assert ("Harrow Ventures", "acquired", "Brightloom Labs") not in found


def test_phrasing_a_post_stays_current_until_a_move_to_come(extractor):
    text = "Voltaic's chief executive, Lena Fischer, will join Harbinger Systems as a senior vice president."
    found = _found(extractor, text, "en")
    assert found[("Lena Fischer", "holdsPosition", "Voltaic")].status == "current"
    text = "Harbinger Systems hired Voltaic's chief executive, Lena Fischer, as a senior vice president."
    found = _found(extractor, text, "en")
    assert found[("Lena Fischer", "holdsPosition", "Voltaic")].status == "former"


def test_phrasing_meanwhile_is_not_interim(extractor):
    text = "Startup Lumbara tumbuh. Sementara itu, CEO Lumbara, Hadi Saputra, dikabarkan akan mundur."
    found = _found(extractor, text, "id")
    assert found[("Hadi Saputra", "holdsPosition", "Lumbara")].status == "current"


def test_phrasing_a_known_product_word_inside_a_longer_name(extractor):
    text = ("Claude Martin, chief executive of Fennick Labs, said its flagship product, Sentinel Edge, "
            "failed. He still uses Microsoft Edge.")
    article = _extract(extractor, text, "en")
    found = triples(article)
    assert ("Claude Martin", "holdsPosition", "Fennick Labs") in found, sorted(found)
    assert ("Fennick Labs", "developed", "Sentinel Edge") in found
    assert {e.name: e.type for e in article.entities}["Microsoft Edge"] == "Product"


def test_phrasing_a_bare_rival_is_the_rival_of_the_article_s_company():
    # the rules' reading; the learned scorer (blind-measured, not rule-bound) may add a pair here
    text = ("Skylark Cloud said its data centers went offline. Skylark Cloud apologized. Its largest "
            "customer, the retailer Brightcart, would move some services to rival Cumulo.")
    found = _found(Extractor(scorer=False), text, "en")
    assert ("Cumulo", "competitorOf", "Skylark Cloud") in found, sorted(found)
    assert ("Brightcart", "competitorOf", "Cumulo") not in found


def test_phrasing_a_post_before_joining_is_former(extractor):
    # the rules' reading: the scorer, whose title triggers pair a title with every organization
    # near it, adds a second post ("direktur", former) at PT Sinar Data Teknologi here; dropping
    # such pairs (a title written with another organization) was measured on the blind half and
    # lost more than it gained (relations 0.500 -> 0.496)
    text = ("PT Sinar Data Teknologi mengangkat Yohanes Siregar sebagai direktur utama. Sebelum bergabung "
            "dengan PT Sinar Data Teknologi, Yohanes merupakan direktur di Telkomsel.")
    found = _found(Extractor(scorer=False), text, "id")
    assert found[("Yohanes Siregar", "holdsPosition", "Telkomsel")].status == "former"
    assert found[("Yohanes Siregar", "holdsPosition", "PT Sinar Data Teknologi")].status == "current"
    text = "Brightloom Labs named its treasurer, Kofi Mensah, as interim finance chief."
    post = [r for r in _extract(extractor, text, "en").relations if r.role == "finance chief"]
    assert post and post[0].status == "interim"


def test_phrasing_an_english_title_inside_indonesian_text(extractor):
    text = "Rahmat Hidayat bergabung dengan startup Lumbara pada 2019 setelah sebelumnya menjabat Head of Growth di Bukalapak."
    article = _extract(extractor, text, "id")
    post = triples(article)[("Rahmat Hidayat", "holdsPosition", "Bukalapak")]
    assert post.role == "Head of Growth"
    assert "Growth" not in {e.name for e in article.entities}  # a title word, not a company


def test_phrasing_a_job_before_joining_is_not_joined(extractor):
    text = ("Startup Lumbara menunjuk Bayu Aditya sebagai CEO. Sebelum bergabung dengan Lumbara, ia bekerja "
            "di Bank Mandiri selama sepuluh tahun.")
    found = _found(extractor, text, "id")
    assert ("Bayu Aditya", "joined", "Bank Mandiri") not in found, sorted(found)
    text = "Salah satu pendiri Dana Kita, Intan Permata, menyerahkan kursi CEO kepada wakilnya, Bayu Aditya."
    found = _found(extractor, text, "id")
    assert found[("Intan Permata", "holdsPosition", "Dana Kita")].status == "former"  # "Kita" ends the name


def test_phrasing_a_short_name_is_the_company_not_its_unit(extractor):
    text = ("Quartzline Pay, the payments unit, grew. Quartzline Inc will cut 1,200 jobs. "
            "Quartzline said the cuts were needed.")
    article = _extract(extractor, text, "en")
    names = {e.name for e in article.entities}
    assert {"Quartzline Inc", "Quartzline Pay"} <= names, names
    # the group is named as the article prints the company most
    assert ("Quartzline Inc", "laidOff", "Quartzline employees") in triples(article)


def test_phrasing_its_unit_needs_an_apposition(extractor):
    text = ("Northwind Technologies has named Priya Das, a former Google cloud executive, as president "
            "of its cloud division, the company said on Wednesday.")
    found = _found(extractor, text, "en")
    assert not any(r == "parentOf" for _, r, _ in found), sorted(found)


def test_phrasing_a_workforce_is_not_the_relative_clause_s(extractor):
    text = ("Brightlane Labs grew. The company, which counts Expedia as an investor, has struggled and "
            "laid off a quarter of its staff in 2020.")
    found = _found(extractor, text, "en")
    assert ("Expedia", "laidOff", "Expedia employees") not in found, sorted(found)
    assert ("Brightlane Labs", "laidOff", "Brightlane Labs employees") in found


def test_phrasing_a_past_copula_before_a_title_is_a_former_post(extractor):
    found = _found(extractor, "Rafael Ortiz was the chief executive of Brightloom Labs.", "en")
    assert found[("Rafael Ortiz", "holdsPosition", "Brightloom Labs")].status == "former"
    found = _found(extractor, "Rafael Ortiz was named chief executive of Brightloom Labs.", "en")
    assert found[("Rafael Ortiz", "holdsPosition", "Brightloom Labs")].status == "current"


def test_phrasing_a_passive_relative_clause_names_the_backers(extractor):
    found = _found(extractor, "Brightloom Labs, which is backed by Harrow Ventures and Quarrystone Inc., "
                              "plans a listing.", "en")
    assert ("Harrow Ventures", "investedIn", "Brightloom Labs") in found
    assert ("Quarrystone Inc.", "investedIn", "Brightloom Labs") in found
    assert ("Brightloom Labs", "investedIn", "Harrow Ventures") not in found, sorted(found)


def test_phrasing_the_unnamed_focus_fills_no_slot_the_sentence_fills(extractor):
    # Gojek, named most, is the article's focus; the last sentence names the investee itself
    text = "Gojek meraih dana. Gojek tumbuh. Investor asal Jepang, SoftBank, menyuntikkan dana ke Tokopedia."
    found = _found(extractor, text, "id")
    assert ("SoftBank", "investedIn", "Tokopedia") in found, sorted(found)
    assert ("SoftBank", "investedIn", "Gojek") not in found and ("Tokopedia", "investedIn", "Gojek") not in found


def test_phrasing_a_minister_is_no_company_s_officer(extractor):
    found = _found(extractor, "Grab grew. Nadiem Makarim, who founded Gojek, became a minister.", "en")
    assert ("Nadiem Makarim", "founded", "Gojek") in found
    assert not [t for t in found if t[1] == "holdsPosition"], sorted(found)


def test_phrasing_an_unplaced_title_belongs_to_the_sentence_s_company(extractor):
    text = ("Zilingo's board dismissed chief executive Ankiti Bose in May. Google grew. Google hired. "
            "Google invested.")
    found = _found(extractor, text, "en")
    assert ("Ankiti Bose", "holdsPosition", "Google") not in found, sorted(found)


def test_phrasing_the_post_one_is_removed_from_names_its_company(extractor):
    text = ("Gojek tumbuh. Gojek merekrut. Erick Thohir mencopot Ari Askhara dari posisi Direktur Utama "
            "Garuda Indonesia.")
    found = _found(extractor, text, "id")
    assert found[("Ari Askhara", "holdsPosition", "Garuda Indonesia")].status == "former"
    assert ("Ari Askhara", "holdsPosition", "Gojek") not in found, sorted(found)
