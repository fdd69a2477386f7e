package io.cxone.themes.preview;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.cxone.themes.accessibility.Level;
import io.cxone.themes.security.Roles;
import io.cxone.themes.theme.ThemeJsonReader;
import io.cxone.themes.theme.ThemeValidator;
import io.cxone.themes.theme.ValidationReport;

/**
 * Test-only: wires {@link PreviewService#compare} to HTTP the way {@code GET /preview/compare} will once drafts are
 * stored, taking {@code {leftLabel, left, rightLabel, right}} so the browser can load the page with its real headers.
 */
@Path("/preview/test-compare")
@RolesAllowed(Roles.VIEWER)
public class CompareTestResource {
    private final ThemeValidator validator;
    private final PreviewService previews;
    private final ObjectMapper mapper;

    public CompareTestResource(ThemeValidator validator, PreviewService previews, ObjectMapper mapper) {
        this.validator = validator;
        this.previews = previews;
        this.mapper = mapper;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(PreviewResource.HTML)
    public String compare(String body) throws JsonProcessingException {
        JsonNode tree = mapper.readTree(body);
        JsonNode left = tree.get("left"), right = tree.get("right");
        ValidationReport leftReport = validator.validate(left, Level.AA), rightReport = validator.validate(right, Level.AA);
        return previews.compare(tree.path("leftLabel").asText(null), ThemeJsonReader.read(left).theme(), leftReport,
                tree.path("rightLabel").asText(null), ThemeJsonReader.read(right).theme(), rightReport);
    }
}
