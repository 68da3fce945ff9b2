"""danvan settings: the one place that reads the environment.

Every setting has a safe default for the embedded setup (SQLite, in-process background work, files in
./var). At scale, set DATABASE_URL (PostgreSQL), CELERY_BROKER_URL (Redis or RabbitMQ) and the rest.
"""

import base64
import os
import secrets
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("DANVAN_VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def _env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _secret_key() -> str:
    """The key from the environment; on the embedded setup, one made once and kept in var/."""
    key = os.environ.get("DANVAN_SECRET_KEY")
    if key:
        return key
    path = VAR_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()


def _key_file(name: str, make: str) -> str:
    """A key made once on the embedded setup, readable by this user only (0600 from its creation)."""
    path = VAR_DIR / name
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text().strip()
    with os.fdopen(fd, "w") as out:
        out.write(make + "\n")
    return make


# The denouncers' identity vault (danvan.people.vault): Fernet keys newest first, kept outside the database.
DANVAN_VAULT_KEYS = [k.strip() for k in (os.environ.get("DANVAN_VAULT_KEYS") or _key_file(
    "vault_keys", base64.urlsafe_b64encode(secrets.token_bytes(32)).decode())).split(",") if k.strip()]
# The key of the blind indexes (HMACs that find the same ID number or name without decrypting).
DANVAN_VAULT_INDEX_KEY = os.environ.get("DANVAN_VAULT_INDEX_KEY") or _key_file(
    "vault_index_key", secrets.token_urlsafe(48))
DEBUG = _env_bool("DANVAN_DEBUG", False)
ALLOWED_HOSTS = os.environ.get("DANVAN_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("DANVAN_CSRF_TRUSTED_ORIGINS", "").split(",") if o]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "danvan.audit",
    "danvan.privacy",
    "danvan.org",
    "danvan.people",
    "danvan.workcal",
    "danvan.rules",
    "danvan.petitions",
    "danvan.matters",
    "danvan.documents",
    "danvan.consultation",
    "danvan.reception",
    "danvan.reports",
    "danvan.insights",
    "danvan.emulation",
    "danvan.portal",
    "danvan.api",
    "danvan.demo",
    "danvan.security",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "danvan.security.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "danvan.middleware.PreferredLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "danvan.security.middleware.NulByteMiddleware",
    "danvan.security.middleware.IdleSessionMiddleware",
    "danvan.org.accounts.TwoFactorRequiredMiddleware",
    "danvan.security.middleware.RateLimitMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "danvan.urls"
WSGI_APPLICATION = "danvan.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "danvan" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
        },
    },
]

# Widgets drawn with Django's Jinja2 copies of its own widget templates: the same HTML, a form page in about
# two thirds of the time (the province list alone is 35 options, each a template).
FORM_RENDERER = "django.forms.renderers.Jinja2"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'danvan.sqlite3'}"),
        conn_max_age=int(os.environ.get("DANVAN_DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if os.environ.get("DANVAN_TEST_DB_NAME"):
    # Lets several test runs share one PostgreSQL server without dropping each other's database.
    DATABASES["default"]["TEST"] = {"NAME": os.environ["DANVAN_TEST_DB_NAME"]}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets readers work while one writer writes; IMMEDIATE takes the write lock at BEGIN so two
        # writers queue on busy_timeout instead of failing with "database is locked" mid-transaction.
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "org.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "petitions:list"
LOGOUT_REDIRECT_URL = "portal:home"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
STATICFILES_DIRS = [BASE_DIR / "danvan" / "static"]
MEDIA_ROOT = Path(os.environ.get("DANVAN_MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

# Uploads: petitions carry scans, photos and office documents; nothing else is accepted.
DANVAN_UPLOAD_MAX_BYTES = int(os.environ.get("DANVAN_UPLOAD_MAX_BYTES", str(10 * 1024 * 1024)))
DANVAN_UPLOAD_MAX_FILES = 5
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

# Background work: in-process unless a broker is configured (see danvan/tasks.py).
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1

SESSION_COOKIE_AGE = int(os.environ.get("DANVAN_SESSION_SECONDS", str(8 * 3600)))
# An official's session also ends after this long without a request (danvan.security.middleware).
DANVAN_SESSION_IDLE_SECONDS = int(os.environ.get("DANVAN_SESSION_IDLE_SECONDS", str(30 * 60)))
# Counters shared by every web process (rate limits, login lockout): a database table on the embedded
# setup, Redis at scale. The default cache stays per process.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "shared": ({"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": os.environ["DANVAN_CACHE_URL"]}
               if os.environ.get("DANVAN_CACHE_URL") else
               {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "danvan_shared_cache"}),
}
# Requests per client: "count/seconds" per scope (danvan.security.middleware.RATE_LIMITED).
DANVAN_RATE_LIMITS = {
    "submit": os.environ.get("DANVAN_RATE_SUBMIT", "20/3600"),
    "track": os.environ.get("DANVAN_RATE_TRACK", "60/600"),
    # A registered Open311 application files for many citizens from one server, so its POSTs are counted
    # by its api_key under this limit instead of by its address under "submit".
    "open311_client": os.environ.get("DANVAN_RATE_OPEN311_CLIENT", "1000/3600"),
}
# How many proxies in front of danvan append to X-Forwarded-For (0: trust REMOTE_ADDR alone).
DANVAN_TRUSTED_PROXY_HOPS = int(os.environ.get("DANVAN_TRUSTED_PROXY_HOPS", "0"))
# Login lockout: this many failures per username or per address within the window lock it for the window.
DANVAN_LOGIN_FAILURES = os.environ.get("DANVAN_LOGIN_FAILURES", "5/900")
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if _env_bool("DANVAN_HTTPS", False):
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = _env_bool("DANVAN_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = int(os.environ.get("DANVAN_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = _env_bool("DANVAN_HSTS_PRELOAD", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# The agency that runs this instance: its name heads every document.
DANVAN_AGENCY_CODE = os.environ.get("DANVAN_AGENCY_CODE", "BNNMT")
# The unit that takes in what citizens send through the portal and the APIs.
DANVAN_PORTAL_UNIT_CODE = os.environ.get("DANVAN_PORTAL_UNIT_CODE", "ban-tcd")
# Who an Open311 client's developer asks for help and for an api_key (the discovery document's "contact");
# empty: a general sentence pointing at the agency's administrators.
DANVAN_OPEN311_CONTACT = os.environ.get("DANVAN_OPEN311_CONTACT", "")

# Reminders of matters' time limits (danvan.matters): printed to the console unless an SMTP server is set.
EMAIL_BACKEND = os.environ.get("DANVAN_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("DANVAN_EMAIL_HOST", "localhost")
DEFAULT_FROM_EMAIL = os.environ.get("DANVAN_DEFAULT_FROM_EMAIL", "danvan@localhost")
DANVAN_MATTERS_REMIND_WORKING_DAYS = int(os.environ.get("DANVAN_MATTERS_REMIND_WORKING_DAYS", "3"))
# The desk's address as officials reach it, for links in e-mails sent outside a request (hot issue alerts).
DANVAN_SITE_URL = os.environ.get("DANVAN_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DANVAN_LOG_LEVEL", "WARNING")},
}
