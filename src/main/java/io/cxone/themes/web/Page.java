package io.cxone.themes.web;

import java.util.List;

/**
 * One page of any list the API answers: {@code {items, page, pageSize, totalItems}} (SPEC section 3). Every list endpoint
 * answers this one record so that a client pages every list with the same code; {@code page} and {@code pageSize} are
 * the ones the {@link PageRequest} asked for, {@code totalItems} counts the whole list.
 */
public record Page<T>(List<T> items, int page, int pageSize, long totalItems) {

    public static <T> Page<T> of(List<T> items, PageRequest request, long totalItems) {
        return new Page<>(items, request.page(), request.size(), totalItems);
    }
}
