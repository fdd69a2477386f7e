package io.cxone.themes.signin;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Where the identity provider sends the browser back (OIDC redirect path): by now Quarkus has exchanged the code (with
 * the PKCE verifier) and set the session cookie. The answer is a page that moves on to the console itself rather than
 * a redirect: the cookie is SameSite=Strict and this request began on the provider's site, so a redirect would arrive
 * at the console without it; a navigation started by this page is same-site and carries it.
 */
@Path("/signin")
public class SignInResource {
    private static final String PAGE = """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="0;url=/">
            <title>Signed in</title></head>
            <body><p>Signed in. <a href="/">Open the console</a>.</p></body></html>
            """;

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(operationId = "consoleSignedIn", hidden = true, summary = "Return from the identity provider",
            description = "The console's OIDC redirect path; a browser lands here after signing in and moves on to /.")
    public Response signedIn() {
        return Response.ok(PAGE).header("Cache-Control", "no-store").build();
    }
}
