"""Labelled, fictitious test set for the privacy guard.

``PII_CASES`` contain at least one identifying item; each item is labelled as (kind, exact substring).
``CLEAN_CASES`` are realistic care requests without identifying data but full of look-alikes: ages,
regions, organisations, methods named after people, languages, nationalities, diagnoses and
appointment dates. All names, numbers and addresses are invented (BSNs/IBANs are checksum-valid test
values, not real ones).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Case:
    text: str
    pii: tuple[tuple[str, str], ...] = ()


def _c(text: str, *pii: tuple[str, str]) -> Case:
    for _kind, fragment in pii:
        assert fragment in text, fragment
    return Case(text, pii)


PII_CASES: tuple[Case, ...] = (
    # --- names -------------------------------------------------------------------------------------
    _c("Moeder (mevrouw De Boer) zoekt hulp voor haar zoon Mohammed (9).", ("name", "De Boer"), ("name", "Mohammed")),
    _c("haar dochter lina (7) heeft nachtmerries sinds de vlucht", ("name", "lina")),
    _c("Cliënt Jan de Vries is 34 en heeft PTSS na jarenlang geweld.", ("name", "Jan de Vries")),
    _c(
        "Meneer Bakker en mevrouw Visser zijn gescheiden, kinderen wonen bij moeder.",
        ("name", "Bakker"),
        ("name", "Visser"),
    ),
    _c("zoon ahmed en dochter fatma zijn getuige geweest van geweld door vader", ("name", "ahmed"), ("name", "fatma")),
    _c("vader mehmet yilmaz heeft een contactverbod", ("name", "mehmet yilmaz")),
    _c("Dhr. Kowalski en zijn dochter Zuzanna wonen nu in de opvang.", ("name", "Kowalski"), ("name", "Zuzanna")),
    _c("mw. Tesfay met zoontje Yonas (4) verblijft sinds kort bij Kadera.", ("name", "Tesfay"), ("name", "Yonas")),
    _c("Het gaat om Sanne Jansen, 15 jaar, die seksueel misbruikt is.", ("name", "Sanne Jansen")),
    _c("kind heet noor, ze is 6 en schrikt van harde geluiden", ("name", "noor")),
    _c("Moeder Khadija wil graag traumabehandeling voor haar dochters.", ("name", "Khadija")),
    _c("betreft: Priya Ramdin (moeder) en haar zoon Ravi", ("name", "Priya Ramdin"), ("name", "Ravi")),
    _c("Mevrouw El Amrani is met haar drie kinderen gevlucht.", ("name", "El Amrani")),
    _c("de jongste, Daan, plast weer in bed sinds het incident", ("name", "Daan")),
    _c("Vraag voor Emma van den Berg (12): angst en dissociatie.", ("name", "Emma van den Berg")),
    _c("client ayse heeft veel nachtmerries en wil EMDR", ("name", "ayse")),
    _c("Fam. Öztürk, moeder en 2 kinderen, ambulant traject gewenst", ("name", "Öztürk")),
    _c("dochter Aster (10) en zoon Filmon (8) spreken Tigrinya", ("name", "Aster"), ("name", "Filmon")),
    _c("ex-partner Dwayne Martina heeft gedreigd het kind mee te nemen", ("name", "Dwayne Martina")),
    _c("mevr de jong vraagt hulp voor haar zoon", ("name", "de jong")),
    _c("Zijn naam is Bilal, hij is 14 jaar.", ("name", "Bilal")),
    _c("moeder Agnieszka spreekt Pools, vader is onbekend", ("name", "Agnieszka")),
    _c("het meisje (Sofia, 5 jaar) is gezien door de jeugdarts", ("name", "Sofia")),
    _c("Hoi, ik meld Yasmina Bouzid aan, 16 jaar, groot trauma.", ("name", "Yasmina Bouzid")),
    _c("dhr. van dijk (vader) is akkoord met de aanmelding", ("name", "van dijk")),
    _c("Kinderen: Lucas (3), Mila (6) en Sem (9).", ("name", "Lucas"), ("name", "Mila"), ("name", "Sem")),
    _c("de zoon van mevrouw Hassan, omar, is erg teruggetrokken", ("name", "Hassan"), ("name", "omar")),
    _c("pleegmoeder Ingrid merkt dat Jayden zich afsluit", ("name", "Ingrid"), ("name", "Jayden")),
    # --- BSN ---------------------------------------------------------------------------------------
    _c("BSN 123456782 moeder", ("bsn", "123456782")),
    _c("bsn kind: 1234.56.782", ("bsn", "1234.56.782")),
    _c("burgerservicenummer 123 456 782 graag vertrouwelijk behandelen", ("bsn", "123 456 782")),
    _c("bsn: 12.34.56.782", ("bsn", "12.34.56.782")),
    _c("sofinr 111222333 staat op het formulier", ("bsn", "111222333")),
    _c("het bsn van de zoon is 23456723 (zonder nul)", ("bsn", "23456723")),
    # --- phone -------------------------------------------------------------------------------------
    _c("moeder bereikbaar op 06-12345678", ("phone", "06-12345678")),
    _c("bel mij op 06 1234 5678 na 15u", ("phone", "06 1234 5678")),
    _c("tel: +31 6 12345678", ("phone", "+31 6 12345678")),
    _c("nummer vader 0031612345678, niet bellen!", ("phone", "0031612345678")),
    _c("vaste lijn oma 020-1234567", ("phone", "020-1234567")),
    _c("bereikbaar via 010 123 45 67 (opvanglocatie)", ("phone", "010 123 45 67")),
    _c("tel 0612345678", ("phone", "0612345678")),
    _c("+31 (0)20 123 4567 is het nummer van de moeder", ("phone", "+31 (0)20 123 4567")),
    _c("mobiel 06-123 456 78", ("phone", "06-123 456 78")),
    # --- e-mail ------------------------------------------------------------------------------------
    _c("mail moeder: jasmijn.devries@gmail.com", ("email", "jasmijn.devries@gmail.com")),
    _c("contact via s.bouzid88@hotmail.nl", ("email", "s.bouzid88@hotmail.nl")),
    _c("haar mailadres is Ayse_K@outlook.com", ("email", "Ayse_K@outlook.com")),
    # --- street address ----------------------------------------------------------------------------
    _c("woont op Kerkstraat 12 in Utrecht", ("address", "Kerkstraat 12")),
    _c("adres: kerkstraat 12a", ("address", "kerkstraat 12a")),
    _c("Laan van Meerdervoort 45-2, Den Haag", ("address", "Laan van Meerdervoort 45-2")),
    _c("verblijft nu bij oma op de Dorpsweg 3", ("address", "Dorpsweg 3")),
    _c("vader woont nog op het adres Julianalaan 117 bis", ("address", "Julianalaan 117")),
    _c("adres opvang NIET delen: Burgemeester de Vlugtlaan 88", ("address", "Burgemeester de Vlugtlaan 88")),
    _c("ze woonden aan de prins hendrikkade 21", ("address", "prins hendrikkade 21")),
    # --- postcode ----------------------------------------------------------------------------------
    _c("postcode 1234 AB", ("postcode", "1234 AB")),
    _c("woont in 3512JK Utrecht", ("postcode", "3512JK")),
    _c("pc 2517ab nr 14", ("postcode", "2517ab")),
    _c("adres 9712 CP 4, Groningen", ("postcode", "9712 CP")),
    # --- birthdate ---------------------------------------------------------------------------------
    _c("dochter geb. 12-03-2015", ("birthdate", "12-03-2015")),
    _c("zoon, geboren 3 maart 2015, heeft veel angsten", ("birthdate", "3 maart 2015")),
    _c("geboortedatum: 12/3/2015", ("birthdate", "12/3/2015")),
    _c("DOB 2015-03-12 (kind)", ("birthdate", "2015-03-12")),
    _c("kind (12-03-2015) heeft nachtmerries", ("birthdate", "12-03-2015")),
    _c("moeder is geb 01.02.1988", ("birthdate", "01.02.1988")),
    _c("geboren op 7 jan. 2019 in Eritrea", ("birthdate", "7 jan. 2019")),
    _c("jongen, 14-7-2012, veel agressie thuis", ("birthdate", "14-7-2012")),
    _c("geb.datum 30-11-'09", ("birthdate", "30-11-'09")),
    # --- IBAN --------------------------------------------------------------------------------------
    _c("rekening moeder NL91ABNA0417164300", ("iban", "NL91ABNA0417164300")),
    _c("iban: NL91 ABNA 0417 1643 00 (ten name van moeder)", ("iban", "NL91 ABNA 0417 1643 00")),
    _c("betalen via nl91abna0417164300", ("iban", "nl91abna0417164300")),
    _c("Belgische rekening BE68539007547034", ("iban", "BE68539007547034")),
    # --- file / client numbers ---------------------------------------------------------------------
    _c("dossiernummer 2024-1234", ("file_number", "2024-1234")),
    _c("cliëntnr. 88123", ("file_number", "88123")),
    _c("ons kenmerk VT-2023-00123", ("file_number", "VT-2023-00123")),
    _c("clientnummer: 5567890", ("file_number", "5567890")),
    _c("zie dossier nr AB12345 bij Veilig Thuis", ("file_number", "AB12345")),
    _c("zaaknr 2023/44821 (Raad voor de Kinderbescherming)", ("file_number", "2023/44821")),
    # --- licence plates ----------------------------------------------------------------------------
    _c("vader rijdt in een auto met kenteken 12-ABC-3", ("licence_plate", "12-ABC-3")),
    _c("auto pleger: AB-123-C", ("licence_plate", "AB-123-C")),
    _c("let op zwarte golf 1-ABC-23", ("licence_plate", "1-ABC-23")),
    _c("kenteken xr-56-tp", ("licence_plate", "xr-56-tp")),
    _c("kenteken 99XKL4", ("licence_plate", "99XKL4")),
    # --- social handles and profile urls -----------------------------------------------------------
    _c("dochter zit op insta als @jasmijn_2009", ("social_handle", "@jasmijn_2009")),
    _c("insta: lina.b2010", ("social_handle", "lina.b2010")),
    _c("snapchat: sweetgirl_11", ("social_handle", "sweetgirl_11")),
    _c("tiktok account is dani.xo", ("social_handle", "dani.xo")),
    _c(
        "vader volgt haar via https://www.instagram.com/jasmijn_2009/",
        ("url", "https://www.instagram.com/jasmijn_2009/"),
    ),
    _c("zie facebook.com/mehmet.yilmaz.79 voor bedreigingen", ("url", "facebook.com/mehmet.yilmaz.79")),
    _c("filmpje op https://www.tiktok.com/@dani.xo staat nog online", ("url", "https://www.tiktok.com/@dani.xo")),
    # --- mixed, hurried ----------------------------------------------------------------------------
    _c("mw yilmaz 06-87654321 graag terugbellen", ("name", "yilmaz"), ("phone", "06-87654321")),
    _c(
        "spoed!! moeder + 3 kids, adres Molenweg 5 3456 AB Ergens, bsn moeder 111222333",
        ("address", "Molenweg 5"),
        ("postcode", "3456 AB"),
        ("bsn", "111222333"),
    ),
    _c("zoon youssef (11), geb 4-9-2013, woont bij oma", ("name", "youssef"), ("birthdate", "4-9-2013")),
    # --- second batch, written before measuring: hurried and unusual spellings ----------------------
    _c("moeder (rahma) is in de opvang, dochter sagal 8jr", ("name", "rahma"), ("name", "sagal")),
    _c("Aanmelding voor Noah en zijn zusje Saar", ("name", "Noah"), ("name", "Saar")),
    _c("M. de Graaf (moeder) wil geen contact met vader", ("name", "M. de Graaf")),
    _c("vader = Hakan Demir, zit vast", ("name", "Hakan Demir")),
    _c("dochtertje jamila heeft angst voor mannen", ("name", "jamila")),
    _c("de familie Mahamud is in 2024 naar NL gekomen", ("name", "Mahamud")),
    _c("jongen heet Kacper, 10 jaar, spreekt Pools", ("name", "Kacper")),
    _c("mevrouw Wolff belt zelf na de intake", ("name", "Wolff")),
    _c("client: T. Ramautar, 41 jr", ("name", "T. Ramautar")),
    _c("Broertje Luuk (2) slaapt nog bij moeder", ("name", "Luuk")),
    _c("tel moeder 06 - 12 34 56 78", ("phone", "06 - 12 34 56 78")),
    _c("bel opvang: 0314-123456", ("phone", "0314-123456")),
    _c("nr oma +32 470 12 34 56 (Belgie)", ("phone", "+32 470 12 34 56")),
    _c("mail: info.fam.yilmaz@ziggo.nl", ("email", "info.fam.yilmaz@ziggo.nl")),
    _c("BSN moeder 111 222 333, kind 12.34.56.782", ("bsn", "111 222 333"), ("bsn", "12.34.56.782")),
    _c("woonde tot vorige maand Hoofdstraat 101A, Apeldoorn", ("address", "Hoofdstraat 101A")),
    _c("nu op de Van Hallstraat 7-III", ("address", "Van Hallstraat 7-III")),
    _c("postcode kind 6822 ge", ("postcode", "6822 ge")),
    _c("geboren: 21 december 2016", ("birthdate", "21 december 2016")),
    _c("geb 2-2-17", ("birthdate", "2-2-17")),
    _c("(°14/02/2011) zoon", ("birthdate", "14/02/2011")),
    _c("IBAN NL20INGB0001234567 voor de kosten", ("iban", "NL20INGB0001234567")),
    _c("VT-nummer: 2023-887766", ("file_number", "2023-887766")),
    _c("kenmerk: JB/2024/00871", ("file_number", "JB/2024/00871")),
    _c("wit busje GV-123-X bij school gezien", ("licence_plate", "GV-123-X")),
    _c("kenteken 4-TXK-89", ("licence_plate", "4-TXK-89")),
    _c("ig: @amira.x_", ("social_handle", "@amira.x_")),
    _c("vader stuurt berichten via telegram: mehmet1979", ("social_handle", "mehmet1979")),
    _c(
        "https://facebook.com/profile.php?id=100012345678 is van de pleger",
        ("url", "https://facebook.com/profile.php?id=100012345678"),
    ),
)


CLEAN_CASES: tuple[Case, ...] = (
    _c("Moeder en twee kinderen (4 en 7 jaar) verblijven in de opvang van Kadera. Gevraagd: EMDR voor de oudste."),
    _c("Kind van 7 jaar met PTSS na huiselijk geweld, zoekt therapeut in Zuid-Limburg die TF-CBT geeft."),
    _c("Aanmelding via Veilig Thuis Amsterdam-Amstelland. Leeftijd 0-4 jaar, vraag naar Theraplay of VIB."),
    _c("Jongere 18+ met hechtingsproblematiek, regio Noord-Holland Noord. Moeder spreekt Arabisch."),
    _c("Het MDA++ team in Friesland zoekt een GZ-psycholoog met ervaring in EMDR bij jonge kinderen."),
    _c("Eritrese moeder, spreekt Tigrinya, tolk nodig. Kinderen 3, 6 en 11 jaar. Start liefst januari 2027."),
    _c("Syrische familie, vader is pleger, moeder en kinderen in de Blijf Groep opvang. Vraag: traumabehandeling."),
    _c("Behandeling volgens het model van Van der Kolk of sensorimotor therapie gewenst."),
    _c("We werken met Schematherapie en DBT volgens Linehan; zoeken aanvulling voor de kinderen."),
    _c("Hechting volgens Bowlby en Ainsworth staat centraal; ouder-kindbehandeling bij voorkeur Theraplay."),
    _c("Afspraak op 12 maart met de orthopedagoog, daarna intake. Volgende week dinsdag overleg met het wijkteam."),
    _c("Vanaf 1 december is er plek in de opvang van Fier. Kind (9) heeft veel dissociatie."),
    _c("Moeder is Pools, vader Marokkaans. Kinderen spreken Nederlands en een beetje Pools."),
    _c("Meisje, 15 jaar, seksueel misbruik, regio Twente. Levvel is betrokken, GGD ook."),
    _c("Jongen van 12 met agressieproblemen na jarenlang geweld tussen ouders. Regio Utrecht."),
    _c("Vraag van Moviera: welke therapeut in Gelderland-Zuid biedt EMDR aan kinderen 0-4 jaar?"),
    _c("Arosa verwijst een gezin uit Rotterdam-Rijnmond. Diagnose: PTSS en hechtingsstoornis bij de jongste."),
    _c("Safegroup zoekt voor een moeder (32) met cPTSS een traumatherapeut, liefst vrouwelijk."),
    _c("Kinderen 5-12 jaar, getuige van partnergeweld. Voorkeur voor methode Wagner of KIDNET."),
    _c("De orthopedagoog van het wijkteam adviseert Theraplay. Wachtlijst bij de GGZ is 6 maanden."),
    _c("Somalische moeder en dochter van 8, dochter heeft nachtmerries en slaapt slecht. Tolk Somali nodig."),
    _c("Afghaanse jongen, 16 jaar, alleenstaande minderjarige, woont in Drenthe. Spreekt Dari."),
    _c("Gezin is gevlucht uit Eritrea en woont nu in Zeeland. Vader is onbekend vertrokken."),
    _c("Start januari 2027 mogelijk. Behandeling bij voorkeur op woensdag of vrijdag na schooltijd."),
    _c("In 2023 en 2024 meerdere meldingen bij Veilig Thuis. Sinds maart 2025 rustiger."),
    _c("Moeder heeft zelf een traumabehandeling gehad volgens Shapiro (EMDR) en wil dit nu voor haar zoon."),
    _c("De zoon van 10 laat veel angst zien. Moeder wil graag ondersteuning bij opvoeding."),
    _c("Dochter (14) snijdt zichzelf. Is er iemand in Haaglanden die DBT voor adolescenten geeft?"),
    _c("Kind 6 jaar, selectief mutisme sinds de vlucht. Ouders spreken Turks en Koerdisch."),
    _c("Wij zijn het MDA++ team Noord-Nederland. Vraag voor een tweeling van 3 jaar, getuige van geweld."),
    _c("Baby van 8 maanden en moeder in crisisopvang. Vraag naar IMH en video-interactiebegeleiding."),
    _c("Hulpvraag: traumabehandeling voor kind 9 jaar na seksueel misbruik door een bekende. Regio Brabant."),
    _c("Behandelaar moet ervaring hebben met dissociatie bij kinderen (DIS/OSDD). Voorkeur Achterhoek of Twente."),
    _c("Moeder wil eerst zelf stabiliseren; daarna ouder-kindtherapie. Kinderen 2 en 5."),
    _c("Vader heeft een contactverbod. Kinderen wonen bij moeder in de regio Kennemerland."),
    _c("Jongen, 17, heeft geweld gezien en gepleegd. Zoeken behandelaar met ervaring met PMTO of MST."),
    _c("Graag een GZ-psycholoog of psychotherapeut die Arabisch spreekt, regio Amsterdam."),
    _c("Surinaamse moeder met drie kinderen; oudste (16) heeft last van herbelevingen."),
    _c("Afspraak bij de huisarts op 3 februari. Verwijzing naar de GGZ volgt."),
    _c("Intake gepland op maandag 12 januari om 10 uur. Graag vooraf contact met de verwijzer."),
    _c("Zuid-Limburg, Noord-Limburg of Midden-Limburg is allemaal goed; moeder heeft een auto."),
    _c("Kind heeft een hechtingsstoornis en PTSS, eerdere behandeling met TF-CBT was niet afgerond."),
    _c("De Raad voor de Kinderbescherming doet onderzoek. Jeugdbescherming is betrokken sinds 2024."),
    _c("Vanuit Kadera: moeder met twee kinderen van 0-4 jaar. Zoeken CPP (child-parent psychotherapy)."),
    _c("Gezin met vijf kinderen, leeftijden 1 tot 13 jaar. Vader zit in detentie. Moeder spreekt Engels."),
    _c("Graag iemand die Circle of Security of Theraplay doet, in Flevoland of het Gooi."),
    _c("Moeder is Oekraïense en spreekt Russisch en Oekraïens. Kinderen van 4 en 9 hebben oorlogstrauma."),
    _c("Het kind is 7 jaar en woont sinds 2022 in Nederland. Ze spreekt goed Nederlands."),
    _c("Voor de zomer van 2026 moet er een behandeling starten; zitting bij de rechter in juni."),
    _c("Oudste zoon (19) wil niet meewerken, jongste dochter (11) wel. Regio Groningen."),
    _c("Fier adviseert een specialistische traumabehandeling; wachttijd bij het Centrum Seksueel Geweld is lang."),
    _c("EMDR en imaginaire exposure zijn al geprobeerd. Nu misschien Narratieve Exposure Therapie?"),
    _c("Kind heeft veel last van nachtmerries. Moeder vraagt of er iets met speltherapie kan."),
    _c("Gezin is gevlucht uit Syrië, sinds 2019 in Nederland. Kinderen 8 en 12. Vader overleden."),
    _c("De pleegmoeder merkt dat het kind (5) zich snel afsluit. Voorkeur voor hechtingsgerichte therapie."),
    _c("Meisje van 13, loverboyproblematiek, regio Rijnmond. Levvel en de politie zijn betrokken."),
    _c("Vraag: kan iemand in januari starten? Op dinsdag- en donderdagochtend kan moeder niet."),
    _c("Moeder heeft een licht verstandelijke beperking; graag eenvoudige taal. Kinderen 6 en 9."),
    _c("Maart 2026 verhuist het gezin naar een andere regio, dus een korte behandeling is gewenst."),
    _c("Hindoestaanse familie, moeder spreekt Sarnami. Kind (4) met angststoornis na geweld."),
    _c("De vader van de kinderen heeft nu geen contact meer. Omgangsregeling volgt in het najaar."),
    _c("Voorkeur voor een mannelijke therapeut voor de zoon van 15. Regio Den Haag of Leiden."),
    _c("Er is al een traject bij Arosa geweest; de moeder wil nu graag EMDR voor haar dochter."),
    _c("Jongen van 9 met ADHD en PTSS. School maakt zich zorgen. Wijkteam is regiehouder."),
    _c("Meisje (10) is getuige geweest van een ernstig incident in 2025. Ze praat er niet over."),
    _c("Moeder is 24, kinderen 1 en 3. Hulpverlening via het sociaal wijkteam en de GGD."),
    _c("Kunnen jullie iemand vinden die Theraplay doet? Vergoeding via de gemeente is geregeld."),
    _c("Tweede aanmelding: eerste behandeling in 2023 gestopt omdat het gezin naar Utrecht verhuisde."),
    _c("Polen, Turkije of Marokko: maakt niet uit, wel een tolk regelen. Vraag voor 3 kinderen."),
    _c("Behandeling moet traumasensitief zijn. Voorkeur voor iemand die met Signs of Safety werkt."),
    _c("Een moeder met een baby van 4 maanden zoekt hulp bij hechting. Safe Haven groep vol."),
    _c("Zoeken een therapeut voor een kind van 8 in West-Brabant. Moeder werkt overdag."),
    _c("Graag terugbellen naar de verwijzer via het algemene nummer van Veilig Thuis: 0800-2000."),
    _c("Moeder kreeg in de opvang al PMT en wil nu een vervolg voor de kinderen (5 en 10)."),
    _c("Vanaf week 12 is de opvang vol. Daarna eventueel ambulant verder vanuit de Blijf Groep."),
    _c("Zoon (16) gaat naar het mbo. Hij wil een therapeut met een migratieachtergrond."),
    _c("Vraag over een kind van 6 met dissociatieve klachten, 2x per week nachtmerries."),
    _c("Kinderen (2, 4 en 7) verblijven sinds oktober bij de grootouders. Moeder in behandeling."),
    _c("Wij zoeken voor deze gezinnen een behandelaar die met NET werkt. Regio Noord-Brabant."),
    _c("hoi, vraag voor een meisje van 11 met veel angst, moeder spreekt alleen tigrinya. regio zwolle"),
    _c("kind 4 jr, getuige partnergeweld, veel driftbuien. voorkeur theraplay, regio arnhem/nijmegen"),
    _c("mda++ vraagt: wie heeft plek voor emdr bij jongere 16 jr? liefst voor 1 juli."),
    # --- second batch, written before measuring -----------------------------------------------------
    _c("Vraag voor een gezin uit Leeuwarden: moeder (29) en kinderen van 1, 3 en 6 jaar."),
    _c("Kind (8) heeft ernstige scheidingsproblematiek; ouders strijden sinds 2021 over de omgang."),
    _c("Graag iemand in de omgeving van Eindhoven, Helmond of Veldhoven. Bij voorkeur op vrijdagmiddag."),
    _c("Moeder werkt bij de thuiszorg en kan alleen na 17.00 uur. Kind is 11 en zit in groep 8."),
    _c("Wachttijd bij Karakter is 9 maanden; kan iemand eerder? Het gaat om een meisje van 12."),
    _c("Behandelplan: 8-12 sessies TF-CBT, daarna evaluatie. Ouders worden betrokken."),
    _c("Zoon (13) wil EMDR, maar alleen bij een man. Spreekt Arabisch en Nederlands."),
    _c("Vader (43) is uit huis geplaatst door de politie; tijdelijk huisverbod van 10 dagen."),
    _c("In week 47 is de opvang gesloten, graag daarna starten."),
    _c("Meisje, Marokkaanse achtergrond, 9 jaar: angsten, nachtmerries en buikpijn."),
    _c("Moeder heeft een burn-out, de kinderen (5 en 7) zijn getuige geweest van geweld door stiefvader."),
    _c("De GZ-psycholoog van Levvel heeft een diagnose PTSS gesteld op 3 oktober."),
    _c("Gezin verblijft tijdelijk bij familie in Rotterdam. Kinderen gaan naar school in Schiedam."),
    _c("Hulpvraag vanuit de Jeugdbescherming: traumabehandeling voor een jongen van 16."),
    _c("Oudste dochter (17) zorgt veel voor de kleintjes; parentificatie speelt een rol."),
    _c("Schoolmaatschappelijk werk signaleert dat het kind (10) vaak afwezig is."),
    _c("Tijdens de intake op 14 november bleek dat er ook sprake is van seksueel geweld."),
    _c("Moeder is analfabeet; communicatie graag mondeling of via de tolkentelefoon."),
    _c("Kind is overgeplaatst naar een gezinshuis in de Veluwe. Contact via de gezinshuisouders."),
    _c("Therapeut moet BIG-geregistreerd zijn en ervaring hebben met kinderen onder de 6."),
    _c("Veel nachtmerries sinds de verhuizing in de zomer van 2024. Kind is nu 8."),
    _c("Voorkeur voor een therapeut die werkt met Kind in Beeld of Marte Meo."),
    _c("De moeder komt uit Ethiopië en spreekt Amhaars. Zoon van 4 jaar."),
    _c("Geen spoed, maar wel graag binnen 6 weken. Wij bellen vrijdag 14:00 terug."),
    _c("In de periode 2020-2023 drie keer verhuisd, steeds gevlucht voor vader."),
    _c("Moeder en dochter (15) willen samen in therapie; voorkeur voor systeemtherapie."),
    _c("Onderzoek door de Raad loopt nog, uitspraak verwacht in april 2026."),
    _c("Jongen heeft autisme (ASS) en PTSS; prikkelarme behandelruimte gewenst."),
    _c("Kinderen zijn 6 en 8, moeder 35, allemaal Nederlandstalig. Regio Amersfoort."),
    _c("Eerder behandeld bij Accare (2022), toen gestopt wegens verhuizing naar Drenthe."),
)


@dataclass
class Evaluation:
    per_kind_total: dict[str, int]
    per_kind_found: dict[str, int]
    clean_total: int
    clean_alarms: list[tuple[str, list[str]]]  # (text, flagged fragments)
    missed: list[tuple[str, str, str]]  # (kind, fragment, text)

    @property
    def recall(self) -> float:
        total = sum(self.per_kind_total.values())
        return sum(self.per_kind_found.values()) / total if total else 1.0

    @property
    def false_alarm_rate(self) -> float:
        return len(self.clean_alarms) / self.clean_total if self.clean_total else 0.0

    def recall_for(self, kind: str) -> float:
        return self.per_kind_found.get(kind, 0) / self.per_kind_total[kind]


def case_missed(case: Case, findings) -> list[tuple[str, str]]:
    """The labelled items of ``case`` that no finding overlaps."""
    missed = []
    for kind, fragment in case.pii:
        start = case.text.index(fragment)
        end = start + len(fragment)
        if not any(f.start < end and start < f.end for f in findings):
            missed.append((kind, fragment))
    return missed


def evaluate(scan, pii_cases: tuple[Case, ...] = (), clean_cases: tuple[Case, ...] = ()) -> Evaluation:
    """Recall per labelled PII item (a finding overlapping it counts) and the share of clean texts with any finding.

    Without case sets it evaluates the first two batches (``PII_CASES``, ``CLEAN_CASES``).
    """
    pii_cases = pii_cases or PII_CASES
    clean_cases = clean_cases or CLEAN_CASES
    totals: dict[str, int] = {}
    found: dict[str, int] = {}
    missed: list[tuple[str, str, str]] = []
    for case in pii_cases:
        findings = scan(case.text)
        for kind, fragment in case.pii:
            start = case.text.index(fragment)
            end = start + len(fragment)
            totals[kind] = totals.get(kind, 0) + 1
            if any(f.start < end and start < f.end for f in findings):
                found[kind] = found.get(kind, 0) + 1
            else:
                missed.append((kind, fragment, case.text))
    alarms = []
    for case in clean_cases:
        findings = scan(case.text)
        if findings:
            alarms.append((case.text, [f"{f.kind}:{f.text}" for f in findings]))
    return Evaluation(totals, found, len(clean_cases), alarms, missed)
