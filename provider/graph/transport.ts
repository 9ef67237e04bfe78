import * as https from "node:https";
import * as http from "node:http";
import axios, { AxiosInstance, isAxiosError } from "axios";
import { GraphNetworkError } from "./errors";
import { GraphRequest, GraphResponse, JsonText, SendRequest } from "./request";
import { isCertificateError, untrustedCertificate } from "./tlsTrust";

export interface TransportOptions {
  /** Per-attempt timeout. @default 100000 (Graph's own gateway gives up after about 100 s) */
  timeoutMs?: number;
}

function parseBody(text: string): unknown {
  if (text === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function serialized(body: unknown): string | undefined {
  if (body === undefined) return undefined;
  return body instanceof JsonText ? body.text : JSON.stringify(body);
}

/**
 * The last `next` of the pipeline: one HTTP exchange with axios and nothing else. Every status is returned
 * as a response (the policies decide what is an error); only a missing answer throws GraphNetworkError.
 * The axios error is not attached as `cause` because its config holds the Authorization header.
 */
export function axiosTransport(options: TransportOptions = {}): SendRequest {
  let instance: AxiosInstance | undefined;
  const client = () =>
    (instance ??= axios.create({
      timeout: options.timeoutMs ?? 100_000,
      validateStatus: () => true,
      responseType: "text",
      // Bodies arrive serialized (serialized()); axios would re-encode a string it cannot parse as a JSON string.
      transformRequest: [(data: unknown) => data],
      transformResponse: [(data: unknown) => data],
      maxRedirects: 0,
      httpsAgent: new https.Agent({ keepAlive: true }),
      httpAgent: new http.Agent({ keepAlive: true }),
      proxy: false,
    }));

  return async (request: GraphRequest): Promise<GraphResponse> => {
    try {
      const response = await client().request<string>({
        method: request.method,
        url: request.url,
        headers: request.headers,
        data: serialized(request.body),
      });
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(response.headers ?? {})) {
        if (value !== undefined && value !== null) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : String(value);
      }
      return { status: response.status, headers, body: parseBody(typeof response.data === "string" ? response.data : ""), request };
    } catch (error) {
      if (isAxiosError(error)) {
        const code = error.code === "ECONNABORTED" || error.code === "ETIMEDOUT" ? "ETIMEDOUT" : (error.code ?? "ENETWORK");
        throw new GraphNetworkError(
          request,
          code,
          isCertificateError(code) ? untrustedCertificate(new URL(request.url).origin, code) : error.message,
        );
      }
      throw error;
    }
  };
}
