package dev.kontor.translation.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Against the worked example of AWS's Signature Version 4 documentation (IAM ListUsers, 2015-08-30). */
class AwsSigV4UnitTests {

    static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

    @Test
    void derivesTheDocumentedSigningKey() {
        assertThat(AwsSigV4.hex(AwsSigV4.signingKey(SECRET, "20150830", "us-east-1", "iam")))
                .isEqualTo("c4afb1cc5771d871763a393e44b703571b55cc28424d1a5e86da6ed3c154a4b9");
    }

    @Test
    void signsTheDocumentedRequest() {
        Map<String, String> added = AwsSigV4.sign(
                "GET",
                URI.create("https://iam.amazonaws.com/?Action=ListUsers&Version=2010-05-08"),
                Map.of("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"),
                new byte[0],
                "us-east-1",
                "iam",
                Instant.parse("2015-08-30T12:36:00Z"),
                new AwsSigV4.Credentials("AKIDEXAMPLE", SECRET, null));

        assertThat(added)
                .containsEntry("X-Amz-Date", "20150830T123600Z")
                .containsEntry(
                        "Authorization",
                        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, "
                                + "SignedHeaders=content-type;host;x-amz-date, "
                                + "Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7")
                .doesNotContainKey("X-Amz-Security-Token");
    }

    @Test
    void temporaryCredentialsSignTheirSessionToken() {
        Map<String, String> added = AwsSigV4.sign(
                "POST",
                URI.create("https://translate.eu-west-1.amazonaws.com/"),
                Map.of("Content-Type", "application/x-amz-json-1.1"),
                "{}".getBytes(),
                "eu-west-1",
                "translate",
                Instant.parse("2026-12-03T10:00:00Z"),
                new AwsSigV4.Credentials("ASIAEXAMPLE", SECRET, "session-token"));

        assertThat(added).containsEntry("X-Amz-Security-Token", "session-token");
        assertThat(added.get("Authorization"))
                .contains("SignedHeaders=content-type;host;x-amz-date;x-amz-security-token");
    }
}
