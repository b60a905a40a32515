package dev.kontor.translation;

/** How the provider should treat the texts: plain text, or HTML whose tags are kept. */
public enum TextFormat {
    TEXT,
    HTML
}
