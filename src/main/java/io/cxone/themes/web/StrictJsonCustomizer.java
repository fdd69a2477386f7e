package io.cxone.themes.web;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * Strict JSON input: duplicate keys and unknown properties are errors, never silently dropped; and a value of the
 * wrong JSON type is an error, never converted. A whole number is a JSON integer: {@code 60.5} was read as 60,
 * {@code "60"} as 60 and {@code ""} as no value (the default), so a portal that sent them never learned its input was
 * wrong; now each is a 400 {@code type} naming the field. The same holds for decimals and booleans sent as strings
 * ({@code "0.5"}, {@code "true"}) and for booleans sent as numbers.
 * <p>
 * Bodies bound to records follow this through the ObjectMapper; bodies read as trees field by field (themes,
 * publications) call {@link #wholeNumber}, the same rule for a tree node.
 */
@Singleton
public class StrictJsonCustomizer implements ObjectMapperCustomizer {
    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        mapper.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        // 60.5 or 6e1 for an int, Integer or long: an error, not a truncation
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        for (LogicalType type : new LogicalType[] { LogicalType.Integer, LogicalType.Float, LogicalType.Boolean }) {
            mapper.coercionConfigFor(type).setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        }
        mapper.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
    }

    /**
     * The value of {@code node} when it is a whole number as this service reads one, a JSON integer within int's
     * range ({@code 14}; not {@code 14.0}, {@code 1.4e1}, {@code "14"}); else null, for the caller's {@code type} error.
     */
    public static Integer wholeNumber(JsonNode node) {
        return node != null && node.isIntegralNumber() && node.canConvertToInt() ? node.intValue() : null;
    }
}
