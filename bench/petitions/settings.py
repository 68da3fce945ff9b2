"""Settings for the submission benchmark's server: the product's settings, with a URLconf that adds a
trivial view (bench/petitions/urls.py). Never used by the product."""

from danvan.settings import *  # noqa: F403

ROOT_URLCONF = "bench.petitions.urls"
