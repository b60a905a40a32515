package dev.kontor.translation;

/** The register wanted in the target language (Sie/du, vous/tu); providers without it ignore it. */
public enum Formality {
    DEFAULT,
    FORMAL,
    INFORMAL
}
