package dev.salesagent.agents.sales;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The three test transcripts in src/test/resources/transcripts. */
final class Transcripts {

    private Transcripts() {
    }

    static String text(String name) {
        try (InputStream in = Transcripts.class.getResourceAsStream("/transcripts/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Transcript discoveryCall() {
        return Transcript.parse(Transcript.Kind.CALL, text("discovery-call.txt"));
    }

    static Transcript pricingEmail() {
        return Transcript.parse(Transcript.Kind.EMAIL, text("pricing-pushback-email.txt"));
    }

    static Transcript renewalMeeting() {
        return Transcript.parse(Transcript.Kind.MEETING, text("renewal-meeting.txt"));
    }
}
