package io.cxone.themes.simulator;

import com.fasterxml.jackson.annotation.JsonInclude;

/** An OAuth-style error answer: {@code {"error": code, "message"?: text}}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ErrorBody(String error, String message) {

    static ErrorBody of(String error) {
        return new ErrorBody(error, null);
    }
}
