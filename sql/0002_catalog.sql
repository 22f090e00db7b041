-- The configurator's catalog: base packages and add-ons (GET /api/v1/catalog, POST /api/v1/pricing/quote),
-- plus the consent records of the site's cookie banner.
--
-- Prices are net, in cents, per unit and per interval ('one_time' or 'monthly'); VAT is decided per buyer.
-- Names and descriptions exist in German and English. Inactive rows stay for old orders but cannot be quoted.
--
-- Cache invalidation: every change to either table (insert, update, delete, truncate) increments the single
-- row of catalog_version and sends NOTIFY catalog_changed with the new version as payload, in the same
-- transaction (delivered on commit). A worker keeps the version it loaded and reloads the catalog when a
-- notification arrives or when `SELECT version FROM catalog_version` is larger than what it holds.

CREATE TABLE catalog_packages (
    id             text PRIMARY KEY CHECK (id ~ '^[a-z0-9_]+$'),
    name_de        text NOT NULL CHECK (name_de <> ''),
    name_en        text NOT NULL CHECK (name_en <> ''),
    description_de text NOT NULL CHECK (description_de <> ''),
    description_en text NOT NULL CHECK (description_en <> ''),
    net_cents      bigint NOT NULL CHECK (net_cents >= 0),
    currency       char(3) NOT NULL DEFAULT 'EUR' CHECK (currency ~ '^[A-Z]{3}$'),
    "interval"     text NOT NULL CHECK ("interval" IN ('one_time', 'monthly')),
    active         boolean NOT NULL DEFAULT true,
    sort           integer NOT NULL DEFAULT 0
);

CREATE TABLE catalog_addons (
    id             text PRIMARY KEY CHECK (id ~ '^[a-z0-9_]+$'),
    name_de        text NOT NULL CHECK (name_de <> ''),
    name_en        text NOT NULL CHECK (name_en <> ''),
    description_de text NOT NULL CHECK (description_de <> ''),
    description_en text NOT NULL CHECK (description_en <> ''),
    net_cents      bigint NOT NULL CHECK (net_cents >= 0),
    currency       char(3) NOT NULL DEFAULT 'EUR' CHECK (currency ~ '^[A-Z]{3}$'),
    "interval"     text NOT NULL CHECK ("interval" IN ('one_time', 'monthly')),
    max_quantity   integer NOT NULL CHECK (max_quantity >= 1),
    active         boolean NOT NULL DEFAULT true,
    sort           integer NOT NULL DEFAULT 0
);

-- Ids are shared by packages and add-ons (the Domain catalog refuses a clash); keep them apart here too.
CREATE FUNCTION catalog_id_is_free() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_TABLE_NAME = 'catalog_packages' AND EXISTS (SELECT 1 FROM catalog_addons WHERE id = NEW.id)
        OR TG_TABLE_NAME = 'catalog_addons' AND EXISTS (SELECT 1 FROM catalog_packages WHERE id = NEW.id) THEN
        RAISE EXCEPTION 'catalog id % is already used', NEW.id USING ERRCODE = 'unique_violation';
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER catalog_packages_id_free BEFORE INSERT OR UPDATE OF id ON catalog_packages
    FOR EACH ROW EXECUTE FUNCTION catalog_id_is_free();
CREATE TRIGGER catalog_addons_id_free BEFORE INSERT OR UPDATE OF id ON catalog_addons
    FOR EACH ROW EXECUTE FUNCTION catalog_id_is_free();

CREATE TABLE catalog_version (
    singleton  boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    version    bigint NOT NULL DEFAULT 1,
    changed_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO catalog_version DEFAULT VALUES;

CREATE FUNCTION catalog_bump_version() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    current bigint;
BEGIN
    UPDATE catalog_version SET version = version + 1, changed_at = now() RETURNING version INTO current;
    PERFORM pg_notify('catalog_changed', current::text);
    RETURN NULL;
END $$;

CREATE TRIGGER catalog_packages_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON catalog_packages
    FOR EACH STATEMENT EXECUTE FUNCTION catalog_bump_version();
CREATE TRIGGER catalog_addons_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON catalog_addons
    FOR EACH STATEMENT EXECUTE FUNCTION catalog_bump_version();

INSERT INTO catalog_packages (id, name_de, name_en, description_de, description_en, net_cents, "interval", sort) VALUES
    ('ai_assessment', 'KI-Potenzialanalyse', 'AI opportunity assessment',
     'Zwei Workshoptage vor Ort oder remote, Prozessaufnahme und ein priorisierter Umsetzungsplan mit Aufwand und Nutzen.',
     'Two workshop days on site or remote, a review of your processes and a prioritised delivery plan with effort and benefit.',
     290000, 'one_time', 10),
    ('assistant_starter', 'KI-Assistent Starter', 'AI assistant Starter',
     'Ein gehosteter Wissensassistent für bis zu 25 Nutzer, der Ihre Dokumente kennt. Hosting in Deutschland, Betrieb inklusive.',
     'A hosted knowledge assistant for up to 25 users that knows your documents. Hosted in Germany, operations included.',
     49000, 'monthly', 20),
    ('assistant_business', 'KI-Assistent Business', 'AI assistant Business',
     'Wie Starter, für bis zu 150 Nutzer, mit Single Sign-on, Rollen und Anbindung von zwei Datenquellen.',
     'Everything in Starter for up to 150 users, with single sign-on, roles and two connected data sources.',
     149000, 'monthly', 30),
    ('platform_enterprise', 'KI-Plattform Enterprise', 'AI platform Enterprise',
     'Eine eigene KI-Plattform für Ihr Unternehmen: mehrere Assistenten und Automatisierungen, unbegrenzte Nutzer, Betrieb rund um die Uhr.',
     'Your own AI platform: several assistants and automations, unlimited users, operated around the clock.',
     490000, 'monthly', 40);

INSERT INTO catalog_addons
    (id, name_de, name_en, description_de, description_en, net_cents, "interval", max_quantity, sort) VALUES
    ('extra_users', 'Zusätzliche Nutzer (10er-Paket)', 'Additional users (pack of 10)',
     'Zehn weitere Nutzer für Ihren Assistenten.', 'Ten more users for your assistant.',
     9000, 'monthly', 50, 10),
    ('onboarding_workshop', 'Onboarding-Workshop (1 Tag)', 'Onboarding workshop (1 day)',
     'Ein Tag Schulung für Ihr Team: sicherer Umgang, gute Prompts, eigene Anwendungsfälle.',
     'One day of training for your team: safe use, good prompts, your own use cases.',
     120000, 'one_time', 5, 20),
    ('system_integration', 'Anbindung an Ihr System', 'Integration with your system',
     'Eine Schnittstelle zu einem Ihrer Systeme (z. B. CRM, ERP, DMS), entwickelt, getestet und dokumentiert.',
     'One interface to one of your systems (e.g. CRM, ERP, DMS), built, tested and documented.',
     240000, 'one_time', 10, 30),
    ('document_pipeline', 'Dokumenten-Pipeline (je 10.000 Seiten)', 'Document pipeline (per 10,000 pages)',
     'Texterkennung und Datenextraktion aus Rechnungen, Verträgen und Formularen, je 10.000 Seiten im Monat.',
     'Text recognition and data extraction from invoices, contracts and forms, per 10,000 pages a month.',
     25000, 'monthly', 20, 40),
    ('dedicated_gpu', 'Dedizierte GPU-Instanz', 'Dedicated GPU instance',
     'Eine GPU nur für Ihre Modelle in einem deutschen Rechenzentrum, für eigene oder feinabgestimmte Modelle.',
     'A GPU reserved for your models in a German data centre, for your own or fine-tuned models.',
     115000, 'monthly', 8, 50),
    ('model_finetuning', 'Modell-Feinabstimmung', 'Model fine-tuning',
     'Feinabstimmung eines offenen Sprachmodells auf Ihre Daten, mit Auswertung und Übergabe.',
     'Fine-tuning an open language model on your data, with an evaluation and hand-over.',
     350000, 'one_time', 3, 60),
    ('priority_support', 'Priority-Support', 'Priority support',
     'Reaktion innerhalb von vier Stunden an Werktagen, fester Ansprechpartner.',
     'A response within four business hours and a named contact.',
     39000, 'monthly', 1, 70),
    ('sla_premium', 'SLA 99,9 %', 'SLA 99.9 %',
     'Zugesicherte Verfügbarkeit von 99,9 % im Monat mit Gutschrift bei Unterschreitung.',
     'Guaranteed availability of 99.9 % a month, with a service credit if we miss it.',
     59000, 'monthly', 1, 80);

-- Consent records of the cookie banner (Art. 7 (1) GDPR: proof of consent). One row per decision; a
-- withdrawal is a new row with no purposes. subject is a random pseudonymous id kept in the consent cookie.
CREATE TABLE consent_records (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    subject     text NOT NULL CHECK (subject ~ '^[A-Za-z0-9_-]{16,64}$'),
    version     text NOT NULL CHECK (version <> ''),
    language    text NOT NULL CHECK (language IN ('de', 'en')),
    purposes    text[] NOT NULL DEFAULT '{}',
    decided_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX consent_records_subject ON consent_records (subject, decided_at DESC);
