package io.cxone.themes.simulator;

import java.util.List;

/** Thrown by handlers to answer early (400/404/409) with a CXone-style error body. */
class SimFailure extends RuntimeException {
    private final transient SimResponse response;

    SimFailure(SimResponse response) {
        super(null, null, false, false);
        this.response = response;
    }

    static SimFailure of(int status, String field, String message) {
        return new SimFailure(SimResponse.error(status, field, message));
    }

    static SimFailure badRequest(List<WireError> errors) {
        return new SimFailure(SimResponse.errors(400, errors));
    }

    SimResponse response() {
        return response;
    }
}
