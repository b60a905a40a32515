package dev.kontor.web;

import io.nayuki.qrcodegen.QrCode;
import org.springframework.stereotype.Component;

/**
 * QR codes as SVG path data, drawn inline by the page (no image request, nothing outside the content security
 * policy): the two-factor set-up link, scanned by the authenticator app. Templates: {@code @qr.of(text)}.
 */
@Component("qr")
public class QrCodes {

    /** {@code size}: modules per side including the quiet zone; {@code path}: one unit square per dark module. */
    public record Qr(int size, String path) {}

    private static final int QUIET = 4;

    public Qr of(String text) {
        QrCode code = QrCode.encodeText(text, QrCode.Ecc.MEDIUM);
        StringBuilder path = new StringBuilder();
        for (int y = 0; y < code.size; y++) {
            for (int x = 0; x < code.size; x++) {
                if (code.getModule(x, y)) {
                    path.append('M')
                            .append(x + QUIET)
                            .append(',')
                            .append(y + QUIET)
                            .append("h1v1h-1z");
                }
            }
        }
        return new Qr(code.size + 2 * QUIET, path.toString());
    }
}
