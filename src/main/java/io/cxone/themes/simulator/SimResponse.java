package io.cxone.themes.simulator;

import java.util.List;
import java.util.Map;

/** What a simulator handler answers, before faults decide whether the caller ever sees it. */
record SimResponse(int status, Object body, Map<String, String> headers) {

    static SimResponse of(int status, Object body) {
        return new SimResponse(status, body, Map.of());
    }

    static SimResponse errors(int status, List<WireError> errors) {
        return of(status, Map.of("errors", errors));
    }

    static SimResponse error(int status, String field, String message) {
        return errors(status, List.of(new WireError(field, message)));
    }

    SimResponse withHeader(String name, String value) {
        Map<String, String> copy = new java.util.LinkedHashMap<>(headers);
        copy.put(name, value);
        return new SimResponse(status, body, copy);
    }
}
