package dev.kontor.drafts;

/**
 * Kontor's port to a chat model that writes drafts. One implementation talks to any OpenAI-compatible endpoint;
 * tests may hand another to {@link DraftManagement}.
 */
public interface DraftModel {

    /** False when the install names no model: drafts are then the template. */
    boolean configured();

    DraftSettings.Location location();

    /** The model's name, recorded with each draft it wrote. */
    String name();

    /** The model's reply to the prompt; a failure is named ({@link ModelFailed}), never a half answer. */
    Answer write(Prompt prompt);

    record Prompt(String system, String user) {}

    record Answer(String text, Integer promptTokens, Integer completionTokens) {}
}
