package io.cxone.themes.publish;

import java.util.List;

/** One page of a widget's publications, newest first. */
public record PublicationPage(List<Publication> items, int page, int size, long total) {
}
