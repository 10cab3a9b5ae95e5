package dev.salesagent.agents.sales;

import dev.salesagent.agents.sales.conversation.Transcript;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The three test transcripts in src/test/resources/transcripts. */
public final class Transcripts {

    private Transcripts() {
    }

    public static String text(String name) {
        try (InputStream in = Transcripts.class.getResourceAsStream("/transcripts/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Transcript discoveryCall() {
        return Transcript.parse(Transcript.Kind.CALL, text("discovery-call.txt"));
    }

    public static Transcript pricingEmail() {
        return Transcript.parse(Transcript.Kind.EMAIL, text("pricing-pushback-email.txt"));
    }

    public static Transcript renewalMeeting() {
        return Transcript.parse(Transcript.Kind.MEETING, text("renewal-meeting.txt"));
    }
}
