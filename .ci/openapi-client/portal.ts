// A portal's calls to the theme service, typed only by what openapi-typescript made of the served document (./api,
// generated next to this file by .ci/openapi-client.sh). tsc --strict type-checks it: an operation, schema, field,
// status or header that the document lost or renamed is a compile error here, as it would be in a portal.
import type { components, operations } from "./api";

type Theme = components["schemas"]["Theme"];
type Problem = components["schemas"]["Problem"];
type ErrorCode = components["schemas"]["ErrorCode"];
type ValidationReport = operations["validateTheme"]["responses"][200]["content"]["application/json"];
type Level = NonNullable<operations["validateTheme"]["parameters"]["query"]>["level"];
type PublishRequest = operations["publishTheme"]["requestBody"]["content"]["application/json"];
type Accepted = operations["publishTheme"]["responses"][202];
type Publication = Accepted["content"]["application/json"];
type PublicationState = components["schemas"]["State"];
type NotFound = operations["getPublication"]["responses"][404]["content"]["application/problem+json"];

/** A refused request: the problem document the service answered (application/problem+json). */
export class ProblemError extends Error {
  constructor(readonly status: number, readonly problem: Problem) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
  }

  /** the field errors with one code, e.g. "color" for a bad colour */
  fieldsWith(code: ErrorCode): string[] {
    return (this.problem.errors ?? []).filter((e) => e.code === code).map((e) => e.path ?? "");
  }
}

export class ThemeService {
  constructor(private readonly base: string, private readonly token: () => string) {}

  private async call<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}):
      Promise<{ status: number; headers: Headers; body: T }> {
    const response = await fetch(this.base + path, {
      method,
      headers: { Authorization: `Bearer ${this.token()}`, "Content-Type": "application/json", ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) {
      const type = response.headers.get("content-type") ?? "";
      if (type.startsWith("application/problem+json")) {
        throw new ProblemError(response.status, (await response.json()) as Problem);
      }
      throw new Error(`HTTP ${response.status} from ${method} ${path}`);
    }
    return { status: response.status, headers: response.headers, body: (await response.json()) as T };
  }

  async validateTheme(theme: Theme, level: Level = "AA"): Promise<ValidationReport> {
    return (await this.call<ValidationReport>("POST", `/api/v1/themes/validate?level=${level}`, theme)).body;
  }

  /** 202: the queued publication and where to follow it (its Location) */
  async publishTheme(widgetId: string, request: PublishRequest, idempotencyKey: string):
      Promise<{ publication: Publication; location: NonNullable<Accepted["headers"]["Location"]> }> {
    const answer = await this.call<Publication>("POST", `/api/v1/widgets/${encodeURIComponent(widgetId)}/publications`,
      request, { "Idempotency-Key": idempotencyKey });
    const location = answer.headers.get("location");
    if (answer.status !== 202 || location === null) {
      throw new Error(`publishTheme answered ${answer.status} without a Location`);
    }
    return { publication: answer.body, location };
  }

  async getPublication(location: string): Promise<Publication> {
    return (await this.call<Publication>("GET", new URL(location, this.base).pathname)).body;
  }
}

/** What a portal's "publish" button does: validate, publish, follow the publication until it settles. */
export async function publish(service: ThemeService, theme: Theme, widgetId: string, themeId: string):
    Promise<Publication> {
  const report = await service.validateTheme(theme);
  if (!report.valid) {
    const fields = (report.errors ?? []).map((e) => `${e.path}: ${e.code} (${e.message})`);
    throw new Error(`the theme is not valid: ${fields.join("; ")}`);
  }
  const request: PublishRequest = { themeId, versionTag: "portal-1", onConflict: "suffix" };
  const { location } = await service.publishTheme(widgetId, request, crypto.randomUUID());
  for (;;) {
    const publication = await service.getPublication(location);
    const state: PublicationState | undefined = publication.state;
    if (state === "ACTIVE") {
      return publication;
    }
    if (state === "FAILED") {
      throw new Error(`the publication failed: ${publication.failureReason ?? "no reason given"}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

/** How a portal shows a refused request. */
export function explain(error: unknown): string {
  if (error instanceof ProblemError) {
    const notFound: NotFound | undefined = error.status === 404 ? error.problem : undefined;
    if (notFound !== undefined) {
      return `not found: ${notFound.detail ?? ""}`;
    }
    const colours = error.fieldsWith("color");
    return colours.length > 0 ? `fix the colours of ${colours.join(", ")}` : error.message;
  }
  return String(error);
}
