"""Third batch of the privacy guard's labelled set: organisations, places, methods and dodged e-mail addresses.

Written before the allowlist and the dodged-address patterns existed, so the before/after figures are honest
(see ``test_privacy_guard_eval.py``, which marks the cases that failed before the change). Like
``privacy_cases``: every person, address and number is invented; the organisations, places and methods are
real and identify nobody.
"""

from __future__ import annotations

from .privacy_cases import Case, _c

EVAL_CLEAN_CASES: tuple[Case, ...] = (
    # --- organisations in the chain: shelters, youth care, GGZ, insurers -------------------------------
    _c("Moeder en kinderen verblijven bij Fier in Leeuwarden; vraag naar EMDR voor de oudste (9)."),
    _c("Aanmelding via Veilig Thuis Haaglanden voor een kind van 6 met PTSS."),
    _c("Doorverwezen naar het Kinder- en Jeugdtrauma Centrum voor diagnostiek, daar is een wachtlijst."),
    _c("Levvel heeft de hulpverlening overgedragen; we zoeken een vrijgevestigde therapeut."),
    _c("Eerder behandeld bij Arkin, daarna bij Parnassia. Nu een wachtlijst bij Karakter."),
    _c("Vergoeding via Zilveren Kruis of Menzis is geregeld; CZ en VGZ vergoeden ook."),
    _c("Vader volgt een agressieregulatietraining bij De Waag."),
    _c("Het Lorentzhuis biedt systeemtherapie voor het hele gezin; is daar plek?"),
    _c("Reinier van Arkel en GGZ Oost Brabant hebben allebei een wachttijd van een half jaar."),
    _c("Jeugdbescherming Brabant is betrokken, de gezinsvoogd vraagt om traumabehandeling."),
    _c("Moeder zit in de opvang van Sterk Huis; de kinderen gaan naar school via Het Poortje."),
    _c("Kompaan en De Bocht begeleidt het gezin ambulant; Entrea Lindenhout deed de crisisopvang."),
    _c("Yulius en Lucertis hebben geen plek voor kinderen onder de 4."),
    _c("De William Schrikker Stichting voert de voogdij, Jeugdzorg Emmaus de begeleiding."),
    _c("Het Centrum Seksueel Geweld Limburg heeft het kind gezien; vervolg bij Mondriaan."),
    _c("Zorgverzekeraar is DSW, aanvullend via ONVZ. Zorg en Zekerheid vergoedt de tolk niet."),
    _c("Xonar en Stichting Jeugdteams Zuid-Holland Zuid zoeken samen een behandelaar."),
    _c("Dimence en Mediant werken samen in de regio; Lentis doet de crisisdienst."),
    _c("Het gezin woont in een flat van Perspektief; Kwintes biedt begeleid wonen."),
    _c("Spirit Jeugd en Gezin en de Blijf Groep willen een gezamenlijke aanpak."),
    _c("Timon begeleidt de jonge moeder, Enver deed eerder de gezinsbehandeling."),
    _c("Het kind woont bij Severinus; de orthopedagoog daar vraagt om traumabehandeling."),
    _c("Volgens de richtlijn van Valente hoort traumabehandeling al in de opvang te starten."),
    _c("Stad Holland vergoedt de behandeling, net als Zilveren Kruis."),
    _c("Vader zat in FPC Dr. S. van Mesdag, nu in de Van der Hoeven Kliniek."),
    _c("De jongen woont bij Hoeve Boschoord; eerder bij Ipse de Bruggen."),
    _c("Moeder heeft een licht verstandelijke beperking en woont bij 's Heeren Loo."),
    _c("regio holland rijnland, jongen van 14 met veel agressie"),
    # --- places ------------------------------------------------------------------------------------
    _c("Gezin is verhuisd van Zwolle naar Den Bosch; de school in Zwolle blijft betrokken."),
    _c("Regio Bergen op Zoom of Roosendaal, moeder heeft geen auto."),
    _c("Kind woont in een gezinshuis in Sint-Michielsgestel."),
    _c("Behandeling liefst in Goes, Middelburg of Vlissingen."),
    _c("Moeder komt uit Emmen en wil niet terug naar Drenthe."),
    _c("Oma woont in Hoorn, de kinderen logeren daar in de vakantie."),
    _c("Behandelaar in Ede, Wageningen of Veenendaal gezocht."),
    _c("De vader woont in Epe; moeder en kinderen zitten nu in Apeldoorn."),
    _c("Opvang in Heerlen, school in Kerkrade, therapie in Sittard of Maastricht."),
    _c("Het meisje (13) woont in Capelle aan den IJssel en gaat naar school in Rotterdam."),
    _c("Gezin woont in Alphen aan den Rijn, werk van moeder is in Leiden."),
    _c("Kinderen zitten op school in Houten, moeder werkt in Zeist."),
    _c("Mogelijk in Laren, Blaricum of Huizen; het Gooi is goed bereikbaar."),
    _c("Behandeling in Weert, Venray of Venlo, moeder heeft een scooter."),
    _c("verhuizing naar stein of geleen gepland, regio zuid-limburg"),
    _c("regio dordrecht of gorinchem, moeder spreekt turks"),
    _c("Gezin woont in Anna Paulowna, de school is in Schagen."),
    _c("Moeder en kinderen komen uit 't Zandt, nu in de opvang in Groningen."),
    _c("Het gezin woont in Ane, vlak bij Hardenberg."),
    _c("Regio Utrecht Stad of Centraal Gelderland; moeder kan reizen."),
    _c("Vraag vanuit Midden-Limburg Oost en de GGD Hollands-Noorden."),
    _c("De jeugdregio Holland Rijnland betaalt de behandeling."),
    # --- treatment methods and programmes ------------------------------------------------------------
    _c("Voorkeur voor TF-CBT of Traumagerichte CGT; EMDR is al geprobeerd."),
    _c("NET en KIDNET zijn geschikt voor gevluchte gezinnen, is er iemand die dat geeft?"),
    _c("Beeldende therapie of Schematherapie voor moeder (34)."),
    _c("Het wijkteam werkt volgens Signs of Safety, de gezinsvoogd ook."),
    _c("Moeder heeft de folder van Hulp bij Huiselijk Geweld gekregen en wil nu hulp."),
    _c("Binnen het programma Geweld hoort nergens thuis is een MDA++ team gestart."),
    _c("Het MDA++ team Zeeland vraagt om een behandelaar die EMDR en Theraplay doet."),
    _c("Eerder Dramatherapie en Psychomotorische therapie gehad; nu liefst Imaginatie en Rescripting."),
    _c("Vader doet mee aan Agressie Regulatie Op Maat; moeder volgt Moeders Versterken."),
    _c("Gezin doet mee aan Multisysteem Therapie, daarna Ouderschap Blijft."),
    _c("De therapeut werkt met Prolonged Exposure en Cognitive Processing Therapy."),
    _c("Kind heeft Sterk uit Geweld gedaan; nu vervolg met Mentaliseren Bevorderende Therapie."),
)


EVAL_PII_CASES: tuple[Case, ...] = (
    # --- e-mail addresses typed to dodge filters ----------------------------------------------------
    _c("mail moeder: jasmijn.devries [at] gmail.com", ("email", "jasmijn.devries [at] gmail.com")),
    _c("contact via naam (at) domein punt nl", ("email", "naam (at) domein punt nl")),
    _c("haar mail is s.bouzid apenstaartje hotmail.nl", ("email", "s.bouzid apenstaartje hotmail.nl")),
    _c("mail: n a a m @ d o m e i n . n l", ("email", "n a a m @ d o m e i n . n l")),
    _c("jasmijn[at]gmail[dot]com is haar adres", ("email", "jasmijn[at]gmail[dot]com")),
    _c("mail vader: info.fam.yilmaz at ziggo dot nl", ("email", "info.fam.yilmaz at ziggo dot nl")),
    _c("mehmet79 (a) hotmail (punt) com", ("email", "mehmet79 (a) hotmail (punt) com")),
    _c("fatma.k AT outlook DOT com, graag niet mailen", ("email", "fatma.k AT outlook DOT com")),
    _c("mail: jasmijn@gmail punt com", ("email", "jasmijn@gmail punt com")),
    _c("schrijf lina.b @ live . nl", ("email", "lina.b @ live . nl")),
    _c("e-mail moeder: k.jansen{at}kpnmail{punt}nl", ("email", "k.jansen{at}kpnmail{punt}nl")),
    _c("mail naar ayse.k at gmail.com", ("email", "ayse.k at gmail.com")),
    # --- phone numbers with odd spacing or in words -------------------------------------------------
    _c("bel 0 6 1 2 3 4 5 6 7 8 na schooltijd", ("phone", "0 6 1 2 3 4 5 6 7 8")),
    _c("tel moeder 06.12.34.56.78", ("phone", "06.12.34.56.78")),
    _c("mobiel (06) 12345678", ("phone", "(06) 12345678")),
    _c("nummer: +31(0)6-12345678", ("phone", "+31(0)6-12345678")),
    _c(
        "bel nul zes een twee drie vier vijf zes zeven acht",
        ("phone", "nul zes een twee drie vier vijf zes zeven acht"),
    ),
    # --- true positives between organisation and place names ----------------------------------------
    _c("Mevrouw Zwolle (moeder) is via Veilig Thuis IJsselland aangemeld.", ("name", "Zwolle")),
    _c("Jan Zwolle, de vader, woont nog in Zwolle.", ("name", "Jan Zwolle")),
    _c("dochter Sanne (8) verblijft met moeder bij Fier.", ("name", "Sanne")),
    _c("Cliënte Noor van Arkel wordt behandeld bij Reinier van Arkel.", ("name", "Noor van Arkel")),
    _c("vader Erik Hoorn heeft een huisverbod; moeder woont nu in Hoorn.", ("name", "Erik Hoorn")),
    _c("Zoon Mees (6) is aangemeld bij Karakter in Nijmegen.", ("name", "Mees")),
    _c("De familie Bergen is via Levvel in de opvang gekomen.", ("name", "Bergen")),
    _c(
        "Moeder Fatima Ouali zit bij Kadera, bereikbaar op 06-23456789.",
        ("name", "Fatima Ouali"),
        ("phone", "06-23456789"),
    ),
    _c("mevrouw de Vries uit Vries (Drenthe) wil geen contact met Arkin.", ("name", "de Vries")),
    _c("Kind: Lotte Emmen, 9 jaar, woont in Emmen.", ("name", "Lotte Emmen")),
    _c(
        "Aanmelding van Yusuf Demir via Jeugdbescherming Brabant, dossier 2024-55123.",
        ("name", "Yusuf Demir"),
        ("file_number", "2024-55123"),
    ),
    _c("adres moeder: Kerkstraat 12, Zwolle; via Veilig Thuis IJsselland", ("address", "Kerkstraat 12")),
    _c("pleegvader Henk de Waag haalt het kind op bij De Waag.", ("name", "Henk de Waag")),
)
