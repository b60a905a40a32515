package dev.kontor.drafts;

import java.util.List;

/** The status line of the drafts settings page: the model, its health, and the drafts made so far per kind. */
public record ModelStatus(
        boolean configured, String model, String host, String location, ModelHealth health, List<Count> drafts) {

    public record Count(String kind, int drafts, int flagged) {}
}
