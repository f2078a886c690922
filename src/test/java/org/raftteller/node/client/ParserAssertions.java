package org.raftteller.node.client;

import static org.assertj.core.api.Assertions.assertThat;

/** Shortcuts for the parser tests: a line that must parse, and one that must be refused. */
final class ParserAssertions {

    private ParserAssertions() {
    }

    static ClientRequest accepted(String line) {
        ParsedRequest parsed = ClientRequestParser.parse(line);
        assertThat(parsed).as("parse of %s", line).isInstanceOf(ClientRequest.class);
        return (ClientRequest) parsed;
    }

    static BadRequest refused(String line) {
        ParsedRequest parsed = ClientRequestParser.parse(line);
        assertThat(parsed).as("parse of %s", line).isInstanceOf(BadRequest.class);
        return (BadRequest) parsed;
    }

    /** The id a refusal echoes, as JSON text, or null when it echoes none. */
    static String echoedId(String line) {
        BadRequest bad = refused(line);
        return bad.id() == null ? null : bad.id().toString();
    }
}
