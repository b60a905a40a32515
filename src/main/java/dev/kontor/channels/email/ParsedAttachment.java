package dev.kontor.channels.email;

import dev.kontor.shared.Text;

/** A file from an e-mail; {@code inline} parts (images in the HTML) carry their Content-ID. */
public record ParsedAttachment(String filename, String contentType, byte[] content, boolean inline, String contentId) {

    /** Names are cleaned like all text from a channel (see {@link dev.kontor.shared.Text}). */
    public ParsedAttachment {
        filename = Text.clean(filename);
        contentType = Text.clean(contentType);
        contentId = Text.clean(contentId);
    }
}
