"""Fill the controlled vocabularies with the terms the field uses. The platform team edits them in the admin."""

from django.db import migrations

PROFESSIONS = [
    ("gz-psycholoog", "GZ-psycholoog", "Healthcare psychologist (GZ-psycholoog)", False),
    ("klinisch-psycholoog", "Klinisch psycholoog", "Clinical psychologist", False),
    ("psychotherapeut", "Psychotherapeut", "Psychotherapist", False),
    ("orthopedagoog-generalist", "Orthopedagoog-generalist", "Remedial educationalist (generalist)", False),
    ("basispsycholoog-orthopedagoog", "Basispsycholoog / orthopedagoog", "Psychologist / remedial educationalist", False),
    ("aankomend-behandelaar", "Aankomend behandelaar (in opleiding)", "Trainee therapist", True),
]

EXPERTISE = [
    ("trauma", "Trauma", "Trauma"),
    ("gehechtheid", "Gehechtheid", "Attachment"),
    ("complex-trauma", "Complex trauma", "Complex trauma"),
    ("dissociatie", "Dissociatie", "Dissociation"),
    ("rouw", "Rouw", "Grief"),
    ("hechting-jonge-kinderen", "Hechtingsproblematiek bij jonge kinderen", "Attachment problems in young children"),
    ("geweld-afhankelijkheidsrelaties", "Geweld in afhankelijkheidsrelaties", "Violence in dependency relationships"),
    ("eergerelateerd-geweld", "Eergerelateerd geweld", "Honour-based violence"),
    ("seksueel-geweld", "Seksueel geweld", "Sexual violence"),
    ("kindermishandeling", "Kindermishandeling", "Child abuse"),
    ("huiselijk-geweld", "Huiselijk geweld", "Domestic violence"),
    ("ouderschap-na-geweld", "Ouderschap na geweld", "Parenting after violence"),
    ("vluchtelingen-trauma", "Trauma bij vluchtelingen", "Trauma in refugees"),
    ("lvb", "Licht verstandelijke beperking (LVB)", "Mild intellectual disability"),
]

METHODS = [
    ("emdr", "EMDR", "EMDR"),
    ("tf-cbt", "TF-CBT", "TF-CBT"),
    ("net", "NET (Narratieve Exposure Therapie)", "NET (Narrative Exposure Therapy)"),
    ("kidnet", "KIDNET", "KIDNET"),
    ("schematherapie", "Schematherapie", "Schema therapy"),
    ("imh", "IMH / ouder-kindbehandeling", "IMH / parent-child treatment"),
    ("vrt", "VRT (Vroegkinderlijke Traumabehandeling)", "VRT (early childhood trauma treatment)"),
    ("systeemtherapie", "Systeemtherapie", "Systemic therapy"),
    ("imaginaire-exposure", "Imaginaire Exposure", "Imaginal exposure"),
    ("traumagerichte-speltherapie", "Traumagerichte speltherapie", "Trauma-focused play therapy"),
    ("theraplay", "Theraplay", "Theraplay"),
    ("cpp", "Child-Parent Psychotherapy (CPP)", "Child-Parent Psychotherapy (CPP)"),
    ("pmto", "PMTO", "PMTO"),
    ("stop-tsi", "STOP (traumasensitief)", "STOP (trauma-sensitive)"),
]

LANGUAGES = [
    ("nl", "Nederlands", "Dutch"),
    ("en", "Engels", "English"),
    ("ar", "Arabisch", "Arabic"),
    ("tr", "Turks", "Turkish"),
    ("ti", "Tigrinya", "Tigrinya"),
    ("pl", "Pools", "Polish"),
    ("pap", "Papiamento", "Papiamento"),
    ("srn", "Sranantongo", "Sranan Tongo"),
    ("ber", "Berbers / Tamazight", "Berber / Tamazight"),
    ("fa", "Farsi / Dari", "Farsi / Dari"),
    ("so", "Somalisch", "Somali"),
    ("fr", "Frans", "French"),
    ("de", "Duits", "German"),
    ("es", "Spaans", "Spanish"),
    ("uk", "Oekraïens", "Ukrainian"),
    ("ru", "Russisch", "Russian"),
    ("ngt", "Nederlandse Gebarentaal", "Sign Language of the Netherlands"),
]

FUNDING_ROUTES = [
    ("zvw-basis-ggz", "Zvw basis-GGZ", "Health Insurance Act – basic mental health care"),
    ("zvw-specialistische-ggz", "Zvw specialistische GGZ", "Health Insurance Act – specialised mental health care"),
    ("jeugdwet", "Jeugdwet", "Youth Act"),
    ("wmo", "Wmo", "Social Support Act (Wmo)"),
    ("anders", "Anders", "Other"),
]

TARGET_GROUPS = [
    ("slachtoffers", "Slachtoffers", "Victims"),
    ("plegers", "Plegers", "Perpetrators"),
    ("kinderen-als-getuige", "Kinderen als getuige", "Children as witnesses"),
    ("ouder-kind-gezin-systeem", "Ouder-kind / gezin / systeem", "Parent-child / family / system"),
]


def fill(apps, schema_editor):
    def put(model_name, rows):
        model = apps.get_model("directory", model_name)
        for order, row in enumerate(rows, start=1):
            slug, name_nl, name_en, *extra = row
            defaults = {"name_nl": name_nl, "name_en": name_en, "order": order * 10}
            if extra:
                defaults["is_trainee"] = extra[0]
            model.objects.update_or_create(slug=slug, defaults=defaults)

    put("Profession", PROFESSIONS)
    put("Expertise", EXPERTISE)
    put("Method", METHODS)
    put("Language", LANGUAGES)
    put("FundingRoute", FUNDING_ROUTES)
    put("TargetGroup", TARGET_GROUPS)


class Migration(migrations.Migration):
    dependencies = [("directory", "0002_messages_invitations")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
