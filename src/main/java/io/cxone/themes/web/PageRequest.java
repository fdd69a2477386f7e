package io.cxone.themes.web;

import io.cxone.themes.problem.ApiException;

/**
 * The {@code page} (from 1) and {@code size} query parameters of every list endpoint, parsed in one place. A page is
 * refused when its offset ({@code (page - 1) x size}) or its end would not fit in an int, so no caller can overflow
 * the offset into a 500 or wrap around to page 1 ({@code page=67108865&size=64}).
 */
public record PageRequest(int page, int size) {

    public PageRequest {
        if (size < 1) {
            throw new IllegalArgumentException("size must be positive");
        }
        if (page < 1 || page > maxPage(size)) {
            throw new IllegalArgumentException("page out of range");
        }
    }

    /** @throws ApiException 400 naming {@code size} or {@code page} when either is missing its range or not a number */
    public static PageRequest parse(String page, String size, int defaultSize, int maxSize) {
        int parsedSize = Params.number("size", size, 1, maxSize, defaultSize);
        int maxPage = maxPage(parsedSize);
        return new PageRequest(Params.number("page", page, 1, maxPage, 1, " (with size " + parsedSize + ")"), parsedSize);
    }

    /** The highest page whose rows all lie below {@link Integer#MAX_VALUE}. */
    static int maxPage(int size) {
        return Integer.MAX_VALUE / size;
    }

    /** The number of rows before this page, for SQL {@code OFFSET}; never negative. */
    public long offset() {
        return (long) (page - 1) * size;
    }
}
