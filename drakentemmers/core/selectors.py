from . import registries


def platform_public_numbers() -> dict[str, int]:
    """Figures for the public home page, as the apps registered them (core.registries.home_figures_register).

    A fixed number of queries per app, independent of the amount of data.
    """
    return registries.home_figures()
