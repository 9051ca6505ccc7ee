// Generated from the API's OpenAPI document by `npm run openapi -- --types`: do not edit.

export interface paths {
    "/api/areas": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    parent?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Done: the answer. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["Area"][];
                        };
                    };
                };
                /** @description The request is not valid; `errors` names each field (`params.id`, `querystring.limit`, `body.data.persons`…) and what is wrong with it. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No bearer token, or one that is expired, forged, or no longer valid (the account was disabled or its password changed). */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller’s role may not do this. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such item, or none in the caller’s areas. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A service the route needs (the event store, Temporal) is unavailable, or an auditor’s read could not be recorded; `Retry-After` says when to try again. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/areas/{code}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    code: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Done: the answer. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            ancestry: {
                                code: string;
                                level: string;
                                name: string;
                            }[];
                            code: string;
                            level: string;
                            name: string;
                            parent: string | null;
                        };
                    };
                };
                /** @description The request is not valid; `errors` names each field (`params.id`, `querystring.limit`, `body.data.persons`…) and what is wrong with it. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No bearer token, or one that is expired, forged, or no longer valid (the account was disabled or its password changed). */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller’s role may not do this. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such item, or none in the caller’s areas. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A path parameter is longer than the router takes (1,024 characters). */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A service the route needs (the event store, Temporal) is unavailable, or an auditor’s read could not be recorded; `Retry-After` says when to try again. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/audit/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    after?: number;
                    limit?: number;
                    stream?: string;
                    type?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Done: the answer. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                data: unknown;
                                id: string;
                                metadata: {
                                    actor: string;
                                    at: string;
                                    correlationId: string;
                                } & {
                                    [key: string]: unknown;
                                };
                                position: number;
                                revision: number;
                                stream: string;
                                type: string;
                            }[];
                            next: number | null;
                        };
                    };
                };
                /** @description The request is not valid; `errors` names each field (`params.id`, `querystring.limit`, `body.data.persons`…) and what is wrong with it. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No bearer token, or one that is expired, forged, or no longer valid (the account was disabled or its password changed). */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller’s role may not do this. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A service the route needs (the event store, Temporal) is unavailable, or an auditor’s read could not be recorded; `Retry-After` says when to try again. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/audit/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description The log as NDJSON, one event per line as in /api/audit/events, up to the newest event when the export starts. */
        get: {
            parameters: {
                query?: {
                    after?: number;
                    stream?: string;
                    type?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description One event per line, as in /api/audit/events */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/x-ndjson": unknown;
                    };
                };
                /** @description The request is not valid; `errors` names each field (`params.id`, `querystring.limit`, `body.data.persons`…) and what is wrong with it. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No bearer token, or one that is expired, forged, or no longer valid (the account was disabled or its password changed). */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller’s role may not do this. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A service the route needs (the event store, Temporal) is unavailable, or an auditor’s read could not be recorded; `Retry-After` says when to try again. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/audit/replay": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Rebuilds every read model from the log beside the live ones, up to the live checkpoint, and lists the rows that differ (at most 100 per model). */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Done: the answer. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            identical: boolean;
                            models: {
                                differenceCount: number;
                                differences: {
                                    key: {
                                        [key: string]: unknown;
                                    };
                                    live: {
                                        [key: string]: unknown;
                                    } | null;
                                    rebuilt: {
                                        [key: string]: unknown;
                                    } | null;
                                    table: string;
                                }[];
                                name: string;
                                rows: number;
                            }[];
                            position: number;
                        };
                    };
                };
                /** @description No bearer token, or one that is expired, forged, or no longer valid (the account was disabled or its password changed). */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller’s role may not do this. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The item’s state does not allow this now; `detail` says why. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is larger than the route takes. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not of a media type the route takes. */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Over the rate limit; `Retry-After` says in how many seconds to try again. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A service the route needs (the event store, Temporal) is unavailable, or an auditor’s read could not be recorded; `Retry-After` says when to try again. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/audit/streams/{stream}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    from?: number;
                    limit?: number;
                };
                header?: never;
                path: {
                    stream: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Done: the answer. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            events: {
                                data: unknown;
                                id: string;
                                metadata: {
                                    actor: string;
                                    at: string;
                                    correlationId: string;
                                } & {
                                    [key: string]: unknown;
                                };
                                position: number;
                                revision: number;
                                stream: string;
                                type: string;
                            }[];
                            next: number | null;
                            stream: string;
                        };
                    };
                };
                /** @description The request is not valid; `errors` names each field (`params.id`, `querystring.limit`, `body.data.persons`…) and what is wrong with it. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No bearer token, or one that is expired, forged, or no longer valid (the account was disabled or its password changed). */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller’s role may not do this. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such item, or none in the caller’s areas. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A path parameter is longer than the router takes (1,024 characters). */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A service the route needs (the event store, Temporal) is unavailable, or an auditor’s read could not be recorded; `Retry-After` says when to try again. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/audit/streams/{stream}/state": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description A survey, cycle or task rebuilt with its own evolve: the newest state, or the state up to a revision, as recorded by a time, or where the first of the two is reached. */
        get: {
            parameters: {
                query?: {
                    /** @description the state as recorded by this time (inclusive); with `revision` too, the earlier of the two points */
                    at?: string;
                    /** @description the state up to this revision (inclusive); with `at` too, the earlier of the two points */
                    revision?: number;
                };
                header?: never;
                path: {
                    stream: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Done: the answer. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            at: string;
                            /** @enum {string} */
                            kind: "survey" | "cycle" | "task";
                            revision: number;
                            /** @description the aggregate's state as its evolve folds it */
                            state: {
                                [key: string]: unknown;
                            };
                            stream: string;
                        };
                    };
                };
                /** @description The request is not valid; `errors` names each field (`params.id`, `querystring.limit`, `body.data.persons`…) and what is wrong with it. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No bearer token, or one that is expired, forged, or no longer valid (the account was disabled or its password changed). */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller’s role may not do this. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such item, or none in the caller’s areas. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A path parameter is longer than the router takes (1,024 characters). */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A service the route needs (the event store, Temporal) is unavailable, or an auditor’s read could not be recorded; `Retry-After` says when to try again. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/audit/streams/{stream}/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    stream: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Done: the answer. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            events: number;
                            firstBrokenRevision?: number;
                            reason?: string;
                            valid: boolean;
                        };
                    };
                };
                /** @description The request is not valid; `errors` names each field (`params.id`, `querystring.limit`, `body.data.persons`…) and what is wrong with it. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No bearer token, or one that is expired, forged, or no longer valid (the account was disabled or its password changed). */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller’s role may not do this. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such item, or none in the caller’s areas. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A path parameter is longer than the router takes (1,024 characters). */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A service the route needs (the event store, Temporal) is unavailable, or an auditor’s read could not be recorded; `Retry-After` says when to try again. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/audit/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Done: the answer. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            events: number;
                            problems: {
                                reason: string;
                                revision: number;
                                stream: string;
                            }[];
                            seals: number;
                            streams: number;
                            valid: boolean;
                        };
                    };
                };
                /** @description No bearer token, or one that is expired, forged, or no longer valid (the account was disabled or its password changed). */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller’s role may not do this. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A service the route needs (the event store, Temporal) is unavailable, or an auditor’s read could not be recorded; `Retry-After` says when to try again. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/enrol": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A unit’s respondent makes its own account with the enrolment code of its letter, and is signed in */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        code: string;
                        /** Format: email */
                        email: string;
                        fullName?: string;
                        /** @enum {string} */
                        language?: "vi" | "en";
                        password: string;
                        username: string;
                    };
                };
            };
            responses: {
                /** @description Created: the new item. */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            expiresIn: number;
                            refreshExpiresAt?: string;
                            refreshToken?: string;
                            token: string;
                            user: components["schemas"]["User"];
                        };
                    };
                };
                /** @description The request is not valid; `errors` names each field (`params.id`, `querystring.limit`, `body.data.persons`…) and what is wrong with it. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The item’s state does not allow this now; `detail` says why. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is larger than the route takes. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not of a media type the route takes. */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Over the rate limit; `Retry-After` says in how many seconds to try again. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A service the route needs (the event store, Temporal) is unavailable, or an auditor’s read could not be recorded; `Retry-After` says when to try again. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        device?: {
                            id: string;
                            name: string;
                        };
                        password: string;
                        username: string;
                    };
                };
            };
            responses: {
                /** @description Done: the answer. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            expiresIn: number;
                            refreshExpiresAt?: string;
                            refreshToken?: string;
                            token: string;
                            user: components["schemas"]["User"];
                        };
                    };
                };
                /** @description The request is not valid; `errors` names each field (`params.id`, `querystring.limit`, `body.data.persons`…) and what is wrong with it. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No bearer token, or one that is expired, forged, or no longer valid (the account was disabled or its password changed). */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is larger than the route takes. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not of a media type the route takes. */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Over the rate limit; `Retry-After` says in how many seconds to try again. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A service the route needs (the event store, Temporal) is unavailable, or an auditor’s read could not be recorded; `Retry-After` says when to try again. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/refresh": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Renews a named device’s session: a new access token and a new refresh token */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        refreshToken: string;
                    };
                };
            };
            responses: {
                /** @description Done: the answer. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            expiresIn: number;
                            refreshExpiresAt?: string;
                            refreshToken?: string;
                            token: string;
                            user: components["schemas"]["User"];
                        };
                    };
                };
                /** @description The request is not valid; `errors` names each field (`params.id`, `querystring.limit`, `body.data.persons`…) and what is wrong with it. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No bearer token, or one that is expired, forged, or no longer valid (the account was disabled or its password changed). */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is larger than the route takes. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not of a media type the route takes. */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Over the rate limit; `Retry-After` says in how many seconds to try again. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A service the route needs (the event store, Temporal) is unavailable, or an auditor’s read could not be recorded; `Retry-After` says when to try again. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/cycles": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    cursor?: string;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Done: the answer. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["CycleOverview"][];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description The request is not valid; `errors` names each field (`params.id`, `querystring.limit`, `body.data.persons`…) and what is wrong with it. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No bearer token, or one that is expired, forged, or no longer valid (the account was disabled or its password changed). */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller’s role may not do this. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A service the route needs (the event store, Temporal) is unavailable, or an auditor’s read could not be recorded; `Retry-After` says when to try again. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        areaCodes?: string[];
                        /** @default false */
                        autoPublish?: boolean;
                        /** Format: date-time */
                        collectionDeadline: string;
                        period: string;
                        survey: string;
                    };
                };
            };
            responses: {
                /** @description Accepted: the work goes on in the background; the answer names it. */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            /** @enum {string} */
                            status: "launching";
                        };
                    };
                };
                /** @description The request is not valid; `errors` names each field (`params.id`, `querystring.limit`, `body.data.persons`…) and what is wrong with it. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No bearer token, or one that is expired, forged, or no longer valid (the account was disabled or its password changed). */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller’s role may not do this. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The item’s state does not allow this now; `detail` says why. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is larger than the route takes. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not of a media type the route takes. */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Over the rate limit; `Retry-After` says in how many seconds to try again. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A service the route needs (the event store, Temporal) is unavailable, or an auditor’s read could not be recorded; `Retry-After` says when to try again. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/cycles/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description the cycle's id, at most 58 characters */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Done: the answer. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CycleOverview"];
                    };
                };
                /** @description The request is not valid; `errors` names each field (`params.id`, `querystring.limit`, `body.data.persons`…) and what is wrong with it. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No bearer token, or one that is expired, forged, or no longer valid (the account was disabled or its password changed). */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller’s role may not do this. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such item, or none in the caller’s areas. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A path parameter is longer than the router takes (1,024 characters). */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A service the route needs (the event store, Temporal) is unavailable, or an auditor’s read could not be recorded; `Retry-After` says when to try again. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/cycles/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description the cycle's id, at most 58 characters */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": {
                        /** @default cancelled by a manager */
                        reason?: string;
                    } | null;
                };
            };
            responses: {
                /** @description Done: the answer. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            collectionDeadline: string;
                            final: number;
                            id: string;
                            publishPending: boolean;
                            resultVersion: number;
                            status: string;
                            total: number;
                        };
                    };
                };
                /** @description The request is not valid; `errors` names each field (`params.id`, `querystring.limit`, `body.data.persons`…) and what is wrong with it. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No bearer token, or one that is expired, forged, or no longer valid (the account was disabled or its password changed). */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller’s role may not do this. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such item, or none in the caller’s areas. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The item’s state does not allow this now; `detail` says why. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is larger than the route takes. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A path parameter is longer than the router takes (1,024 characters). */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not of a media type the route takes. */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Over the rate limit; `Retry-After` says in how many seconds to try again. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A service the route needs (the event store, Temporal) is unavailable, or an auditor’s read could not be recorded; `Retry-After` says when to try again. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/cycles/{id}/close": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description the cycle's id, at most 58 characters */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": Record<string, never> | null;
                };
            };
            responses: {
                /** @description Done: the answer. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            collectionDeadline: string;
                            final: number;
                            id: string;
                            publishPending: boolean;
                            resultVersion: number;
                            status: string;
                            total: number;
                        };
                    };
                };
                /** @description The request is not valid; `errors` names each field (`params.id`, `querystring.limit`, `body.data.persons`…) and what is wrong with it. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No bearer token, or one that is expired, forged, or no longer valid (the account was disabled or its password changed). */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller’s role may not do this. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such item, or none in the caller’s areas. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The item’s state does not allow this now; `detail` says why. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is larger than the route takes. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A path parameter is longer than the router takes (1,024 characters). */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not of a media type the route takes. */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Over the rate limit; `Retry-After` says in how many seconds to try again. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A service the route needs (the event store, Temporal) is unavailable, or an auditor’s read could not be recorded; `Retry-After` says when to try again. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/cycles/{id}/counts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Task counts by status and overdue, of one enumerator or of all, inside the caller’s areas */
        get: {
            parameters: {
                query?: {
                    enumerator?: string;
                };
                header?: never;
                path: {
                    /** @description the cycle's id, at most 58 characters */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Done: the answer. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TaskCounts"];
                    };
                };
                /** @description The request is not valid; `errors` names each field (`params.id`, `querystring.limit`, `body.data.persons`…) and what is wrong with it. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No bearer token, or one that is expired, forged, or no longer valid (the account was disabled or its password changed). */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller’s role may not do this. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such item, or none in the caller’s areas. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A path parameter is longer than the router takes (1,024 characters). */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A service the route needs (the event store, Temporal) is unavailable, or an auditor’s read could not be recorded; `Retry-After` says when to try again. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/cycles/{id}/deadline": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description the cycle's id, at most 58 characters */
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: date-time */
                        collectionDeadline: string;
                    };
                };
            };
            responses: {
                /** @description Done: the answer. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            collectionDeadline: string;
                            final: number;
                            id: string;
                            publishPending: boolean;
                            resultVersion: number;
                            status: string;
                            total: number;
                        };
                    };
                };
                /** @description The request is not valid; `errors` names each field (`params.id`, `querystring.limit`, `body.data.persons`…) and what is wrong with it. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No bearer token, or one that is expired, forged, or no longer valid (the account was disabled or its password changed). */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller’s role may not do this. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such item, or none in the caller’s areas. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The item’s state does not allow this now; `detail` says why. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is larger than the route takes. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A path parameter is longer than the router takes (1,024 characters). */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not of a media type the route takes. */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Over the rate limit; `Retry-After` says in how many seconds to try again. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A service the route needs (the event store, Temporal) is unavailable, or an auditor’s read could not be recorded; `Retry-After` says when to try again. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/cycles/{id}/progress": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    level?: "province" | "commune";
                    parent?: string;
                };
                header?: never;
                path: {
                    /** @description the cycle's id, at most 58 characters */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Done: the answer. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            cycleId: string;
                            items: {
                                areaCode: string;
                                areaName: string;
                                counts: {
                                    approved: number;
                                    assigned: number;
                                    cancelled: number;
                                    checks_failed: number;
                                    in_review: number;
                                    non_response: number;
                                    rejected: number;
                                };
                                overdue: number;
                                total: number;
                            }[];
                            /** @enum {string} */
                            level: "province" | "commune";
                            parent: string | null;
                        };
                    };
                };
                /** @description The request is not valid; `errors` names each field (`params.id`, `querystring.limit`, `body.data.persons`…) and what is wrong with it. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No bearer token, or one that is expired, forged, or no longer valid (the account was disabled or its password changed). */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller’s role may not do this. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such item, or none in the caller’s areas. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A path parameter is longer than the router takes (1,024 characters). */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A service the route needs (the event store, Temporal) is unavailable, or an auditor’s read could not be recorded; `Retry-After` says when to try again. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/cycles/{id}/publish": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description the cycle's id, at most 58 characters */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": Record<string, never> | null;
                };
            };
            responses: {
                /** @description Done: the answer. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            collectionDeadline: string;
                            final: number;
                            id: string;
                            publishPending: boolean;
                            resultVersion: number;
                            status: string;
                            total: number;
                        };
                    };
                };
                /** @description The request is not valid; `errors` names each field (`params.id`, `querystring.limit`, `body.data.persons`…) and what is wrong with it. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No bearer token, or one that is expired, forged, or no longer valid (the account was disabled or its password changed). */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller’s role may not do this. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such item, or none in the caller’s areas. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The item’s state does not allow this now; `detail` says why. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is larger than the route takes. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A path parameter is longer than the router takes (1,024 characters). */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not of a media type the route takes. */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Over the rate limit; `Retry-After` says in how many seconds to try again. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A service the route needs (the event store, Temporal) is unavailable, or an auditor’s read could not be recorded; `Retry-After` says when to try again. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/cycles/{id}/responses": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The cycle's microdata: one line per task with its latest response, streamed as CSV or NDJSON */
        get: {
            parameters: {
                query?: {
                    format?: "csv" | "ndjson" | "zip";
                    level?: string;
                    status?: ("assigned" | "checks_failed" | "in_review" | "rejected" | "approved" | "non_response" | "cancelled") | "all";
                };
                header?: never;
                path: {
                    /** @description the cycle's id, at most 58 characters */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description CSV with a header line (the task, then one column per unit-level question), or with `level` that roster level's table keyed by taskId and row; one JSON object per line; or a zip of every level with value labels and a DDI Codebook 2.5 document */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/x-ndjson": unknown;
                        "application/zip": unknown;
                        "text/csv": unknown;
                    };
                };
                /** @description The request is not valid; `errors` names each field (`params.id`, `querystring.limit`, `body.data.persons`…) and what is wrong with it. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No bearer token, or one that is expired, forged, or no longer valid (the account was disabled or its password changed). */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller’s role may not do this. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such item, or none in the caller’s areas. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A path parameter is longer than the router takes (1,024 characters). */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A service the route needs (the event store, Temporal) is unavailable, or an auditor’s read could not be recorded; `Retry-After` says when to try again. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/cycles/{id}/results": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    format?: "json" | "csv";
                };
                header?: never;
                path: {
                    /** @description the cycle's id, at most 58 characters */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The newest published version; with format=csv, one line per cell */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            cycleId: string;
                            publishedAt: string;
                            tables: {
                                aggregate: string;
                                by: string;
                                crossBy?: string;
                                field: string | null;
                                id: string;
                                of?: string;
                                rows: {
                                    areaCode: string;
                                    areaName: string;
                                    category?: string;
                                    suppressed: boolean;
                                    value: number | null;
                                }[];
                            }[];
                            version: number;
                        };
                        "text/csv": unknown;
                    };
                };
                /** @description The request is not valid; `errors` names each field (`params.id`, `querystring.limit`, `body.data.persons`…) and what is wrong with it. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No bearer token, or one that is expired, forged, or no longer valid (the account was disabled or its password changed). */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller’s role may not do this. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such item, or none in the caller’s areas. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A path parameter is longer than the router takes (1,024 characters). */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A service the route needs (the event store, Temporal) is unavailable, or an auditor’s read could not be recorded; `Retry-After` says when to try again. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/cycles/{id}/results/reproduce": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Recomputes the published tables from the log alone and compares them cell by cell with the ResultsPublished event. */
        get: {
            parameters: {
                query?: {
                    version?: number;
                };
                header?: never;
                path: {
                    /** @description the cycle's id, at most 58 characters */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Done: the answer. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            approved: {
                                published: number;
                                reproduced: number;
                            };
                            cycleId: string;
                            /** @description The disclosure policy the tables were protected by, and every hidden cell with the interval a reader can derive for it (for auditors only). */
                            disclosure: {
                                cells: {
                                    areaCode: string;
                                    areaName: string | null;
                                    category?: string;
                                    /** @description The largest value a reader can derive for the cell; null when there is no upper limit. */
                                    max: number | null;
                                    /** @description The smallest value a reader can derive for the cell; null when there is no lower limit. */
                                    min: number | null;
                                    protected: boolean;
                                    /** @description How far the interval must reach on each side of the true value; 0 for a cell hidden to protect another. */
                                    protection: number;
                                    /** @enum {string} */
                                    reason: "primary" | "secondary" | "carried";
                                    table: string;
                                    value: number;
                                }[];
                                policy: number;
                            };
                            identical: boolean;
                            publishedAt: string;
                            tables: {
                                cells: number;
                                differences: {
                                    areaCode: string;
                                    published: {
                                        suppressed: boolean;
                                        units: number;
                                        value: number | null;
                                    } | null;
                                    reproduced: {
                                        suppressed: boolean;
                                        units: number;
                                        value: number | null;
                                    } | null;
                                }[];
                                id: string;
                            }[];
                            version: number;
                        };
                    };
                };
                /** @description The request is not valid; `errors` names each field (`params.id`, `querystring.limit`, `body.data.persons`…) and what is wrong with it. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No bearer token, or one that is expired, forged, or no longer valid (the account was disabled or its password changed). */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller’s role may not do this. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such item, or none in the caller’s areas. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A path parameter is longer than the router takes (1,024 characters). */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A service the route needs (the event store, Temporal) is unavailable, or an auditor’s read could not be recorded; `Retry-After` says when to try again. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/cycles/{id}/tasks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    areaCode?: string;
                    cursor?: string;
                    enumerator?: string;
                    /** @description only tasks with a late submission waiting for a supervisor */
                    late?: "waiting";
                    limit?: number;
                    overdue?: "true" | "false";
                    status?: "assigned" | "checks_failed" | "in_review" | "rejected" | "approved" | "non_response" | "cancelled";
                };
                header?: never;
                path: {
                    /** @description the cycle's id, at most 58 characters */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Done: the answer. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["TaskItem"][];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description The request is not valid; `errors` names each field (`params.id`, `querystring.limit`, `body.data.persons`…) and what is wrong with it. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No bearer token, or one that is expired, forged, or no longer valid (the account was disabled or its password changed). */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller’s role may not do this. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such item, or none in the caller’s areas. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A path parameter is longer than the router takes (1,024 characters). */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A service the route needs (the event store, Temporal) is unavailable, or an auditor’s read could not be recorded; `Retry-After` says when to try again. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/cycles/{id}/timeline": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Submissions, approvals and rejections per hour or day (UTC), inside the caller’s areas */
        get: {
            parameters: {
                query?: {
                    bucket?: "hour" | "day";
                };
                header?: never;
                path: {
                    /** @description the cycle's id, at most 58 characters */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Done: the answer. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            bucket: "hour" | "day";
                            cycleId: string;
                            points: {
                                approved: number;
                                at: string;
                                rejected: number;
                                submitted: number;
                            }[];
                        };
                    };
                };
                /** @description The request is not valid; `errors` names each field (`params.id`, `querystring.limit`, `body.data.persons`…) and what is wrong with it. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No bearer token, or one that is expired, forged, or no longer valid (the account was disabled or its password changed). */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller’s role may not do this. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such item, or none in the caller’s areas. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A path parameter is longer than the router takes (1,024 characters). */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A service the route needs (the event store, Temporal) is unavailable, or an auditor’s read could not be recorded; `Retry-After` says when to try again. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/cycles/{id}/upgrade": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Moves the cycle’s tasks without an accepted submission (assigned, checks_failed, rejected) to the survey’s newest version */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description the cycle's id, at most 58 characters */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": Record<string, never> | null;
                };
            };
            responses: {
                /** @description Done: the answer. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            cycleId: string;
                            upgraded: number;
                            version: number;
                        };
                    };
                };
                /** @description The request is not valid; `errors` names each field (`params.id`, `querystring.limit`, `body.data.persons`…) and what is wrong with it. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No bearer token, or one that is expired, forged, or no longer valid (the account was disabled or its password changed). */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller’s role may not do this. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such item, or none in the caller’s areas. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The item’s state does not allow this now; `detail` says why. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is larger than the route takes. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A path parameter is longer than the router takes (1,024 characters). */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not of a media type the route takes. */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Over the rate limit; `Retry-After` says in how many seconds to try again. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A service the route needs (the event store, Temporal) is unavailable, or an auditor’s read could not be recorded; `Retry-After` says when to try again. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/enumerators": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    areaCode?: string;
                    /** @description keeps those who may take a task of this area: one of their areas is it or holds it */
                    containing?: string;
                    cursor?: string;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Done: the answer. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                areaCodes: string[];
                                fullName?: string;
                                username: string;
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description The request is not valid; `errors` names each field (`params.id`, `querystring.limit`, `body.data.persons`…) and what is wrong with it. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No bearer token, or one that is expired, forged, or no longer valid (the account was disabled or its password changed). */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller’s role may not do this. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A service the route needs (the event store, Temporal) is unavailable, or an auditor’s read could not be recorded; `Retry-After` says when to try again. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/frame/types": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The unit types of the frame inside the caller’s areas, with their unit counts */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Done: the answer. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                type: string;
                                units: number;
                            }[];
                        };
                    };
                };
                /** @description No bearer token, or one that is expired, forged, or no longer valid (the account was disabled or its password changed). */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller’s role may not do this. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A service the route needs (the event store, Temporal) is unavailable, or an auditor’s read could not be recorded; `Retry-After` says when to try again. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/frame/units": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The units of the frame inside the caller’s areas, in id order, filtered */
        get: {
            parameters: {
                query?: {
                    /** @description units in this area or below it (a province takes its communes) */
                    areaCode?: string;
                    cursor?: string;
                    limit?: number;
                    /** @description words to find in the id, name or address; diacritics and case do not matter */
                    q?: string;
                    type?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Done: the answer. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["FrameUnit"][];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description The request is not valid; `errors` names each field (`params.id`, `querystring.limit`, `body.data.persons`…) and what is wrong with it. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No bearer token, or one that is expired, forged, or no longer valid (the account was disabled or its password changed). */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller’s role may not do this. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A service the route needs (the event store, Temporal) is unavailable, or an auditor’s read could not be recorded; `Retry-After` says when to try again. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/links": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Where the Temporal web UI is, so pages can link each cycle and task to its workflow */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Done: the answer. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            namespace: string;
                            temporalUi: string | null;
                        };
                    };
                };
                /** @description No bearer token, or one that is expired, forged, or no longer valid (the account was disabled or its password changed). */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller’s role may not do this. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A service the route needs (the event store, Temporal) is unavailable, or an auditor’s read could not be recorded; `Retry-After` says when to try again. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/live": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Server-sent events: what changes in the cycles and tasks the caller may see */
        get: {
            parameters: {
                query?: {
                    /** @description only this cycle (404 if the caller may not see it) */
                    cycleId?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /**
                 * @description A `text/event-stream` that does not end while the client stays. It starts with the comment `: connected` and
                 *     sends `: keep-alive` every 15 s. Changes are batched every 200 ms into events:
                 *     - `cycle`: `data` is the cycle's overview in the caller's areas (the `CycleOverview` of `GET /api/cycles/{id}`);
                 *     - `task`: `data` is a changed task as `GET /api/cycles/{id}/tasks` lists it;
                 *     - `resync`: `data` is `{"cycles": [ids]}`: more than 200 tasks changed at once, reload those lists.
                 */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/event-stream": string;
                    };
                };
                /** @description The request is not valid; `errors` names each field (`params.id`, `querystring.limit`, `body.data.persons`…) and what is wrong with it. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No bearer token, or one that is expired, forged, or no longer valid (the account was disabled or its password changed). */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller’s role may not do this. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such item, or none in the caller’s areas. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A service the route needs (the event store, Temporal) is unavailable, or an auditor’s read could not be recorded; `Retry-After` says when to try again. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Done: the answer. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["User"];
                    };
                };
                /** @description No bearer token, or one that is expired, forged, or no longer valid (the account was disabled or its password changed). */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller’s role may not do this. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A service the route needs (the event store, Temporal) is unavailable, or an auditor’s read could not be recorded; `Retry-After` says when to try again. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/my/reports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A respondent’s reports: what is due now, then what it sent before, newest period first */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Done: the answer. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["RespondentReport"][];
                        };
                    };
                };
                /** @description No bearer token, or one that is expired, forged, or no longer valid (the account was disabled or its password changed). */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller’s role may not do this. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A service the route needs (the event store, Temporal) is unavailable, or an auditor’s read could not be recorded; `Retry-After` says when to try again. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/receipts/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Done: the answer. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ReceiptCheck"];
                    };
                };
                /** @description The request is not valid; `errors` names each field (`params.id`, `querystring.limit`, `body.data.persons`…) and what is wrong with it. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such item, or none in the caller’s areas. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A path parameter is longer than the router takes (1,024 characters). */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/surveys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    cursor?: string;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Done: the answer. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["Survey"][];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description The request is not valid; `errors` names each field (`params.id`, `querystring.limit`, `body.data.persons`…) and what is wrong with it. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No bearer token, or one that is expired, forged, or no longer valid (the account was disabled or its password changed). */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller’s role may not do this. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A service the route needs (the event store, Temporal) is unavailable, or an auditor’s read could not be recorded; `Retry-After` says when to try again. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["SurveyDefinitionRequestInput"];
                };
            };
            responses: {
                /** @description Created: the new item. */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Survey"];
                    };
                };
                /** @description The request is not valid; `errors` names each field (`params.id`, `querystring.limit`, `body.data.persons`…) and what is wrong with it. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No bearer token, or one that is expired, forged, or no longer valid (the account was disabled or its password changed). */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller’s role may not do this. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The item’s state does not allow this now; `detail` says why. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is larger than the route takes. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not of a media type the route takes. */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Over the rate limit; `Retry-After` says in how many seconds to try again. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A service the route needs (the event store, Temporal) is unavailable, or an auditor’s read could not be recorded; `Retry-After` says when to try again. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/surveys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description the survey's id (its code), at most 20 characters */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Done: the answer. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Survey"];
                    };
                };
                /** @description The request is not valid; `errors` names each field (`params.id`, `querystring.limit`, `body.data.persons`…) and what is wrong with it. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No bearer token, or one that is expired, forged, or no longer valid (the account was disabled or its password changed). */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller’s role may not do this. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such item, or none in the caller’s areas. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A path parameter is longer than the router takes (1,024 characters). */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A service the route needs (the event store, Temporal) is unavailable, or an auditor’s read could not be recorded; `Retry-After` says when to try again. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/surveys/{id}/reporting-rates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Reporting rates by area and period, over the caller’s areas */
        get: {
            parameters: {
                query?: {
                    /** @description the first period, inclusive */
                    from?: string;
                    level?: "province" | "commune";
                    /** @description with level=commune: the province whose communes to show */
                    parent?: string;
                    /** @description the last period, inclusive */
                    to?: string;
                };
                header?: never;
                path: {
                    /** @description the survey's id (its code), at most 20 characters */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Done: the answer. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ReportingRates"];
                    };
                };
                /** @description The request is not valid; `errors` names each field (`params.id`, `querystring.limit`, `body.data.persons`…) and what is wrong with it. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No bearer token, or one that is expired, forged, or no longer valid (the account was disabled or its password changed). */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller’s role may not do this. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such item, or none in the caller’s areas. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A path parameter is longer than the router takes (1,024 characters). */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A service the route needs (the event store, Temporal) is unavailable, or an auditor’s read could not be recorded; `Retry-After` says when to try again. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/surveys/{id}/reporting-rates.csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The same reporting rates as CSV, one line per area and period */
        get: {
            parameters: {
                query?: {
                    /** @description the first period, inclusive */
                    from?: string;
                    level?: "province" | "commune";
                    /** @description with level=commune: the province whose communes to show */
                    parent?: string;
                    /** @description the last period, inclusive */
                    to?: string;
                };
                header?: never;
                path: {
                    /** @description the survey's id (its code), at most 20 characters */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description CSV with a header line */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/csv": string;
                    };
                };
                /** @description The request is not valid; `errors` names each field (`params.id`, `querystring.limit`, `body.data.persons`…) and what is wrong with it. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No bearer token, or one that is expired, forged, or no longer valid (the account was disabled or its password changed). */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller’s role may not do this. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such item, or none in the caller’s areas. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A path parameter is longer than the router takes (1,024 characters). */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A service the route needs (the event store, Temporal) is unavailable, or an auditor’s read could not be recorded; `Retry-After` says when to try again. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/surveys/{id}/schedule": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description the survey's id (its code), at most 20 characters */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Done: the answer. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            collectionDays: number;
                            every: string;
                            id: string;
                            nextRuns: string[];
                            note: string;
                            recentRuns: string[];
                            /** @enum {string} */
                            state: "active" | "paused";
                        };
                    };
                };
                /** @description The request is not valid; `errors` names each field (`params.id`, `querystring.limit`, `body.data.persons`…) and what is wrong with it. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No bearer token, or one that is expired, forged, or no longer valid (the account was disabled or its password changed). */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller’s role may not do this. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such item, or none in the caller’s areas. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A path parameter is longer than the router takes (1,024 characters). */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A service the route needs (the event store, Temporal) is unavailable, or an auditor’s read could not be recorded; `Retry-After` says when to try again. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description the survey's id (its code), at most 20 characters */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Done; the answer has no body. */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description The request is not valid; `errors` names each field (`params.id`, `querystring.limit`, `body.data.persons`…) and what is wrong with it. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No bearer token, or one that is expired, forged, or no longer valid (the account was disabled or its password changed). */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller’s role may not do this. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such item, or none in the caller’s areas. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The item’s state does not allow this now; `detail` says why. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is larger than the route takes. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A path parameter is longer than the router takes (1,024 characters). */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not of a media type the route takes. */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Over the rate limit; `Retry-After` says in how many seconds to try again. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A service the route needs (the event store, Temporal) is unavailable, or an auditor’s read could not be recorded; `Retry-After` says when to try again. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/surveys/{id}/schedule/pause": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description the survey's id (its code), at most 20 characters */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": {
                        note?: string;
                    } | null;
                };
            };
            responses: {
                /** @description Done: the answer. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            collectionDays: number;
                            every: string;
                            id: string;
                            nextRuns: string[];
                            note: string;
                            recentRuns: string[];
                            /** @enum {string} */
                            state: "active" | "paused";
                        };
                    };
                };
                /** @description The request is not valid; `errors` names each field (`params.id`, `querystring.limit`, `body.data.persons`…) and what is wrong with it. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No bearer token, or one that is expired, forged, or no longer valid (the account was disabled or its password changed). */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller’s role may not do this. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such item, or none in the caller’s areas. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The item’s state does not allow this now; `detail` says why. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is larger than the route takes. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A path parameter is longer than the router takes (1,024 characters). */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not of a media type the route takes. */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Over the rate limit; `Retry-After` says in how many seconds to try again. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A service the route needs (the event store, Temporal) is unavailable, or an auditor’s read could not be recorded; `Retry-After` says when to try again. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/surveys/{id}/schedule/resume": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description the survey's id (its code), at most 20 characters */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": {
                        note?: string;
                    } | null;
                };
            };
            responses: {
                /** @description Done: the answer. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            collectionDays: number;
                            every: string;
                            id: string;
                            nextRuns: string[];
                            note: string;
                            recentRuns: string[];
                            /** @enum {string} */
                            state: "active" | "paused";
                        };
                    };
                };
                /** @description The request is not valid; `errors` names each field (`params.id`, `querystring.limit`, `body.data.persons`…) and what is wrong with it. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No bearer token, or one that is expired, forged, or no longer valid (the account was disabled or its password changed). */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller’s role may not do this. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such item, or none in the caller’s areas. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The item’s state does not allow this now; `detail` says why. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is larger than the route takes. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A path parameter is longer than the router takes (1,024 characters). */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not of a media type the route takes. */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Over the rate limit; `Retry-After` says in how many seconds to try again. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A service the route needs (the event store, Temporal) is unavailable, or an auditor’s read could not be recorded; `Retry-After` says when to try again. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/surveys/{id}/versions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description the survey's id (its code), at most 20 characters */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Done: the answer. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["SurveyVersion"][];
                        };
                    };
                };
                /** @description The request is not valid; `errors` names each field (`params.id`, `querystring.limit`, `body.data.persons`…) and what is wrong with it. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No bearer token, or one that is expired, forged, or no longer valid (the account was disabled or its password changed). */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller’s role may not do this. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such item, or none in the caller’s areas. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A path parameter is longer than the router takes (1,024 characters). */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A service the route needs (the event store, Temporal) is unavailable, or an auditor’s read could not be recorded; `Retry-After` says when to try again. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description the survey's id (its code), at most 20 characters */
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["SurveyDefinitionRequestInput"];
                };
            };
            responses: {
                /** @description Created: the new item. */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SurveyVersion"];
                    };
                };
                /** @description The request is not valid; `errors` names each field (`params.id`, `querystring.limit`, `body.data.persons`…) and what is wrong with it. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No bearer token, or one that is expired, forged, or no longer valid (the account was disabled or its password changed). */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller’s role may not do this. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such item, or none in the caller’s areas. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The item’s state does not allow this now; `detail` says why. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is larger than the route takes. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A path parameter is longer than the router takes (1,024 characters). */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not of a media type the route takes. */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Over the rate limit; `Retry-After` says in how many seconds to try again. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A service the route needs (the event store, Temporal) is unavailable, or an auditor’s read could not be recorded; `Retry-After` says when to try again. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/surveys/{id}/versions/{version}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description the survey's id (its code), at most 20 characters */
                    id: string;
                    version: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Done: the answer. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SurveyVersion"];
                    };
                };
                /** @description The request is not valid; `errors` names each field (`params.id`, `querystring.limit`, `body.data.persons`…) and what is wrong with it. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No bearer token, or one that is expired, forged, or no longer valid (the account was disabled or its password changed). */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller’s role may not do this. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such item, or none in the caller’s areas. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A path parameter is longer than the router takes (1,024 characters). */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A service the route needs (the event store, Temporal) is unavailable, or an auditor’s read could not be recorded; `Retry-After` says when to try again. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/surveys/{id}/xlsform": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The survey’s definition as an XLSForm workbook; with format=json, its sheets as rows and what XLSForm cannot say */
        get: {
            parameters: {
                query?: {
                    format?: "xlsx" | "json";
                };
                header?: never;
                path: {
                    /** @description the survey's id (its code), at most 20 characters */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The workbook, or its sheets */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            choices: ((string | number) | null)[][];
                            problems: {
                                item: string;
                                message: string;
                            }[];
                            settings: ((string | number) | null)[][];
                            survey: ((string | number) | null)[][];
                        };
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
                    };
                };
                /** @description The request is not valid; `errors` names each field (`params.id`, `querystring.limit`, `body.data.persons`…) and what is wrong with it. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No bearer token, or one that is expired, forged, or no longer valid (the account was disabled or its password changed). */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller’s role may not do this. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such item, or none in the caller’s areas. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A path parameter is longer than the router takes (1,024 characters). */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A service the route needs (the event store, Temporal) is unavailable, or an auditor’s read could not be recorded; `Retry-After` says when to try again. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/surveys/import/xlsform": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Reads an XLSForm workbook (at most 10 MiB) as a survey definition */
        post: {
            parameters: {
                query: {
                    code: string;
                    /** @description true: check and translate only, store nothing */
                    dryRun?: "true" | "false";
                    kind?: "census" | "sample_survey" | "reporting";
                    reviewLevels?: string;
                    unitType?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            /** @description The .xlsx file */
            requestBody: {
                content: {
                    "application/octet-stream": string;
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
                };
            };
            responses: {
                /** @description Dry run: the definition it would store */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            definition: components["schemas"]["SurveyDefinition"];
                            warnings: {
                                column: string;
                                message: string;
                                row: number;
                                sheet: string;
                            }[];
                        };
                    };
                };
                /** @description Stored: the new survey’s definition */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            definition: components["schemas"]["SurveyDefinition"];
                            warnings: {
                                column: string;
                                message: string;
                                row: number;
                                sheet: string;
                            }[];
                        };
                    };
                };
                /** @description The request is not valid; `errors` names each field (`params.id`, `querystring.limit`, `body.data.persons`…) and what is wrong with it. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No bearer token, or one that is expired, forged, or no longer valid (the account was disabled or its password changed). */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller’s role may not do this. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The item’s state does not allow this now; `detail` says why. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is larger than the route takes. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not of a media type the route takes. */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Over the rate limit; `Retry-After` says in how many seconds to try again. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A service the route needs (the event store, Temporal) is unavailable, or an auditor’s read could not be recorded; `Retry-After` says when to try again. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tasks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description the task's id, `<cycle id>.<unit id>`, at most 123 characters */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Done: the answer. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TaskDetail"];
                    };
                };
                /** @description The request is not valid; `errors` names each field (`params.id`, `querystring.limit`, `body.data.persons`…) and what is wrong with it. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No bearer token, or one that is expired, forged, or no longer valid (the account was disabled or its password changed). */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller’s role may not do this. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such item, or none in the caller’s areas. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A path parameter is longer than the router takes (1,024 characters). */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A service the route needs (the event store, Temporal) is unavailable, or an auditor’s read could not be recorded; `Retry-After` says when to try again. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tasks/{id}/draft": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description the task's id, `<cycle id>.<unit id>`, at most 123 characters */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Done: the answer. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Draft"];
                    };
                };
                /** @description The request is not valid; `errors` names each field (`params.id`, `querystring.limit`, `body.data.persons`…) and what is wrong with it. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No bearer token, or one that is expired, forged, or no longer valid (the account was disabled or its password changed). */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller’s role may not do this. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such item, or none in the caller’s areas. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A path parameter is longer than the router takes (1,024 characters). */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A service the route needs (the event store, Temporal) is unavailable, or an auditor’s read could not be recorded; `Retry-After` says when to try again. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description the task's id, `<cycle id>.<unit id>`, at most 123 characters */
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        data: {
                            [key: string]: unknown;
                        };
                        /** Format: date-time */
                        savedAt: string;
                    };
                };
            };
            responses: {
                /** @description Done: the answer. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Draft"];
                    };
                };
                /** @description The request is not valid; `errors` names each field (`params.id`, `querystring.limit`, `body.data.persons`…) and what is wrong with it. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No bearer token, or one that is expired, forged, or no longer valid (the account was disabled or its password changed). */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller’s role may not do this. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such item, or none in the caller’s areas. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The item’s state does not allow this now; `detail` says why. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is larger than the route takes. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A path parameter is longer than the router takes (1,024 characters). */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not of a media type the route takes. */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Over the rate limit; `Retry-After` says in how many seconds to try again. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A service the route needs (the event store, Temporal) is unavailable, or an auditor’s read could not be recorded; `Retry-After` says when to try again. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tasks/{id}/form.xlsx": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The task’s form as a spreadsheet to fill in offline and send back to POST /api/tasks/{id}/submit; answered so far from the caller’s draft, else the task’s response */
        get: {
            parameters: {
                query?: {
                    /** @description the language of its labels; by default the caller’s, else Vietnamese */
                    lang?: "vi" | "en";
                };
                header?: never;
                path: {
                    /** @description the task's id, `<cycle id>.<unit id>`, at most 123 characters */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The workbook: a sheet `form` of the questions, one per roster, `choices`, and `meta` naming the task and version */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
                    };
                };
                /** @description The request is not valid; `errors` names each field (`params.id`, `querystring.limit`, `body.data.persons`…) and what is wrong with it. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No bearer token, or one that is expired, forged, or no longer valid (the account was disabled or its password changed). */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller’s role may not do this. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such item, or none in the caller’s areas. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A path parameter is longer than the router takes (1,024 characters). */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A service the route needs (the event store, Temporal) is unavailable, or an auditor’s read could not be recorded; `Retry-After` says when to try again. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tasks/{id}/late-submissions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description the task's id, `<cycle id>.<unit id>`, at most 123 characters */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Done: the answer. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["LateSubmission"][];
                        };
                    };
                };
                /** @description The request is not valid; `errors` names each field (`params.id`, `querystring.limit`, `body.data.persons`…) and what is wrong with it. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No bearer token, or one that is expired, forged, or no longer valid (the account was disabled or its password changed). */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller’s role may not do this. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such item, or none in the caller’s areas. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A path parameter is longer than the router takes (1,024 characters). */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A service the route needs (the event store, Temporal) is unavailable, or an auditor’s read could not be recorded; `Retry-After` says when to try again. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post: {
            parameters: {
                query?: never;
                header: {
                    /** @description made by the device when the user submitted; the same key is the same late submission */
                    "idempotency-key": string;
                };
                path: {
                    /** @description the task's id, `<cycle id>.<unit id>`, at most 123 characters */
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description the answers as the form held them; checked only if the submission is accepted */
                        data: {
                            [key: string]: unknown;
                        };
                        /** @default {} */
                        explanations?: {
                            [key: string]: string;
                        };
                        /**
                         * @description the problem code of the refusal that made it late
                         * @default null
                         */
                        refusedWith?: string | null;
                        /** Format: date-time */
                        submittedAt: string;
                    };
                };
            };
            responses: {
                /** @description Done: the answer. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["LateSubmission"];
                    };
                };
                /** @description Created: the new item. */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["LateSubmission"];
                    };
                };
                /** @description The request is not valid; `errors` names each field (`params.id`, `querystring.limit`, `body.data.persons`…) and what is wrong with it. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No bearer token, or one that is expired, forged, or no longer valid (the account was disabled or its password changed). */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller’s role may not do this. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such item, or none in the caller’s areas. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The item’s state does not allow this now; `detail` says why. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is larger than the route takes. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A path parameter is longer than the router takes (1,024 characters). */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not of a media type the route takes. */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Over the rate limit; `Retry-After` says in how many seconds to try again. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A service the route needs (the event store, Temporal) is unavailable, or an auditor’s read could not be recorded; `Retry-After` says when to try again. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tasks/{id}/late-submissions/{lateId}/accept": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description the task's id, `<cycle id>.<unit id>`, at most 123 characters */
                    id: string;
                    /** @description the late submission’s id (its Idempotency-Key) */
                    lateId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Done: the answer. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            failed: components["schemas"]["CheckResult"][];
                            id: string;
                            late: components["schemas"]["LateSubmission"];
                            reviewLevel: string | null;
                            status: string;
                            warnings: components["schemas"]["CheckResult"][];
                        };
                    };
                };
                /** @description The request is not valid; `errors` names each field (`params.id`, `querystring.limit`, `body.data.persons`…) and what is wrong with it. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No bearer token, or one that is expired, forged, or no longer valid (the account was disabled or its password changed). */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller’s role may not do this. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such item, or none in the caller’s areas. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The item’s state does not allow this now; `detail` says why. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is larger than the route takes. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A path parameter is longer than the router takes (1,024 characters). */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not of a media type the route takes. */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Over the rate limit; `Retry-After` says in how many seconds to try again. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A service the route needs (the event store, Temporal) is unavailable, or an auditor’s read could not be recorded; `Retry-After` says when to try again. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tasks/{id}/reassign": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description the task's id, `<cycle id>.<unit id>`, at most 123 characters */
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        enumerator: string;
                    };
                };
            };
            responses: {
                /** @description Done: the answer. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TaskDetail"];
                    };
                };
                /** @description The request is not valid; `errors` names each field (`params.id`, `querystring.limit`, `body.data.persons`…) and what is wrong with it. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No bearer token, or one that is expired, forged, or no longer valid (the account was disabled or its password changed). */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller’s role may not do this. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such item, or none in the caller’s areas. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The item’s state does not allow this now; `detail` says why. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is larger than the route takes. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A path parameter is longer than the router takes (1,024 characters). */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not of a media type the route takes. */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Over the rate limit; `Retry-After` says in how many seconds to try again. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A service the route needs (the event store, Temporal) is unavailable, or an auditor’s read could not be recorded; `Retry-After` says when to try again. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tasks/{id}/review": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description the task's id, `<cycle id>.<unit id>`, at most 123 characters */
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @default  */
                        comment?: string;
                        /** @enum {string} */
                        decision: "approve";
                        /** @enum {string} */
                        level: "country" | "province" | "commune";
                    } | {
                        /** @description what the enumerator must fix */
                        comment: string;
                        /** @enum {string} */
                        decision: "reject";
                        /** @enum {string} */
                        level: "country" | "province" | "commune";
                    };
                };
            };
            responses: {
                /** @description Done: the answer. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TaskDetail"];
                    };
                };
                /** @description The request is not valid; `errors` names each field (`params.id`, `querystring.limit`, `body.data.persons`…) and what is wrong with it. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No bearer token, or one that is expired, forged, or no longer valid (the account was disabled or its password changed). */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller’s role may not do this. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such item, or none in the caller’s areas. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The item’s state does not allow this now; `detail` says why. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is larger than the route takes. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A path parameter is longer than the router takes (1,024 characters). */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not of a media type the route takes. */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Over the rate limit; `Retry-After` says in how many seconds to try again. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A service the route needs (the event store, Temporal) is unavailable, or an auditor’s read could not be recorded; `Retry-After` says when to try again. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tasks/{id}/submit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Takes the answers as JSON, or the task’s form.xlsx (GET /api/tasks/{id}/form.xlsx) filled in, sent as the body with the type application/vnd.openxmlformats-officedocument.spreadsheetml.sheet (at most 10 MiB) and read as the same `data`; a workbook that does not fit the form is refused (task.form_sheet_invalid) naming its cells, as `form!D7`. */
        post: {
            parameters: {
                query?: never;
                header?: {
                    "idempotency-key"?: string;
                };
                path: {
                    /** @description the task's id, `<cycle id>.<unit id>`, at most 123 characters */
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        data: {
                            [key: string]: unknown;
                        };
                        /** @default {} */
                        explanations?: {
                            [key: string]: string;
                        };
                    };
                };
            };
            responses: {
                /** @description Done: the answer. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            failed: components["schemas"]["CheckResult"][];
                            id: string;
                            /** @description proof of the accepted submission, verified by GET /api/receipts/{id}; null when its checks failed */
                            receipt: components["schemas"]["Receipt"] | null;
                            reviewLevel: string | null;
                            status: string;
                            warnings: components["schemas"]["CheckResult"][];
                        };
                    };
                };
                /** @description The request is not valid; `errors` names each field (`params.id`, `querystring.limit`, `body.data.persons`…) and what is wrong with it. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No bearer token, or one that is expired, forged, or no longer valid (the account was disabled or its password changed). */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller’s role may not do this. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such item, or none in the caller’s areas. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The item’s state does not allow this now; `detail` says why. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is larger than the route takes. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A path parameter is longer than the router takes (1,024 characters). */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not of a media type the route takes. */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Over the rate limit; `Retry-After` says in how many seconds to try again. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A service the route needs (the event store, Temporal) is unavailable, or an auditor’s read could not be recorded; `Retry-After` says when to try again. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/units/enrolment-codes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Enrolment codes for units, as CSV to print in letters; a unit’s earlier unused codes stop working */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        areaCodes?: string[];
                        /** @default 90 */
                        expiresInDays?: number;
                        /** @description the units, by frame id */
                        unitIds?: string[];
                        /** @description with areaCodes: every unit of this type in those areas */
                        unitType?: string;
                    };
                };
            };
            responses: {
                /** @description CSV with a header line: unitId, name, areaCode, code, expiresAt */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/csv": string;
                    };
                };
                /** @description The request is not valid; `errors` names each field (`params.id`, `querystring.limit`, `body.data.persons`…) and what is wrong with it. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No bearer token, or one that is expired, forged, or no longer valid (the account was disabled or its password changed). */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller’s role may not do this. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The item’s state does not allow this now; `detail` says why. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is larger than the route takes. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not of a media type the route takes. */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Over the rate limit; `Retry-After` says in how many seconds to try again. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A service the route needs (the event store, Temporal) is unavailable, or an auditor’s read could not be recorded; `Retry-After` says when to try again. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/units/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": unknown[] | string;
                };
            };
            responses: {
                /** @description Done: the answer. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            imported: number;
                            rejected: {
                                errors: {
                                    code?: string;
                                    message: string;
                                    params?: {
                                        [key: string]: string | number;
                                    };
                                    path: string;
                                }[];
                                line: number;
                            }[];
                        };
                    };
                };
                /** @description The request is not valid; `errors` names each field (`params.id`, `querystring.limit`, `body.data.persons`…) and what is wrong with it. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No bearer token, or one that is expired, forged, or no longer valid (the account was disabled or its password changed). */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller’s role may not do this. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The item’s state does not allow this now; `detail` says why. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is larger than the route takes. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not of a media type the route takes. */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Over the rate limit; `Retry-After` says in how many seconds to try again. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A service the route needs (the event store, Temporal) is unavailable, or an auditor’s read could not be recorded; `Retry-After` says when to try again. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    areaCode?: string;
                    cursor?: string;
                    limit?: number;
                    role?: "manager" | "supervisor" | "enumerator" | "auditor" | "respondent";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Done: the answer. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["Account"][];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description The request is not valid; `errors` names each field (`params.id`, `querystring.limit`, `body.data.persons`…) and what is wrong with it. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No bearer token, or one that is expired, forged, or no longer valid (the account was disabled or its password changed). */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller’s role may not do this. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A service the route needs (the event store, Temporal) is unavailable, or an auditor’s read could not be recorded; `Retry-After` says when to try again. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        areaCodes: string[];
                        /** Format: email */
                        email?: string;
                        fullName?: string;
                        /** @enum {string} */
                        language?: "vi" | "en";
                        password: string;
                        /** @enum {string} */
                        role: "manager" | "supervisor" | "enumerator" | "auditor" | "respondent";
                        /** @description A respondent’s units (frame ids); staff have none. */
                        unitIds?: string[];
                        username: string;
                    };
                };
            };
            responses: {
                /** @description Created: the new item. */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Account"];
                    };
                };
                /** @description The request is not valid; `errors` names each field (`params.id`, `querystring.limit`, `body.data.persons`…) and what is wrong with it. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No bearer token, or one that is expired, forged, or no longer valid (the account was disabled or its password changed). */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller’s role may not do this. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The item’s state does not allow this now; `detail` says why. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is larger than the route takes. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not of a media type the route takes. */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Over the rate limit; `Retry-After` says in how many seconds to try again. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A service the route needs (the event store, Temporal) is unavailable, or an auditor’s read could not be recorded; `Retry-After` says when to try again. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/users/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description the account's id (its user name), at most 40 characters */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Done: the answer. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Account"];
                    };
                };
                /** @description The request is not valid; `errors` names each field (`params.id`, `querystring.limit`, `body.data.persons`…) and what is wrong with it. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No bearer token, or one that is expired, forged, or no longer valid (the account was disabled or its password changed). */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller’s role may not do this. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such item, or none in the caller’s areas. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A path parameter is longer than the router takes (1,024 characters). */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A service the route needs (the event store, Temporal) is unavailable, or an auditor’s read could not be recorded; `Retry-After` says when to try again. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description the account's id (its user name), at most 40 characters */
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        areaCodes?: string[];
                        disabled?: boolean;
                        /**
                         * Format: email
                         * @description null removes the address
                         */
                        email?: string | null;
                        fullName?: string;
                        /** @enum {string} */
                        language?: "vi" | "en";
                        password?: string;
                        /** @enum {string} */
                        role?: "manager" | "supervisor" | "enumerator" | "auditor" | "respondent";
                        /** @description A respondent’s units (frame ids); staff have none. */
                        unitIds?: string[];
                    };
                };
            };
            responses: {
                /** @description Done: the answer. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Account"];
                    };
                };
                /** @description The request is not valid; `errors` names each field (`params.id`, `querystring.limit`, `body.data.persons`…) and what is wrong with it. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No bearer token, or one that is expired, forged, or no longer valid (the account was disabled or its password changed). */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller’s role may not do this. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such item, or none in the caller’s areas. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The item’s state does not allow this now; `detail` says why. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is larger than the route takes. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A path parameter is longer than the router takes (1,024 characters). */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not of a media type the route takes. */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Over the rate limit; `Retry-After` says in how many seconds to try again. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A service the route needs (the event store, Temporal) is unavailable, or an auditor’s read could not be recorded; `Retry-After` says when to try again. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/users/{id}/devices": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description the account's id (its user name), at most 40 characters */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Done: the answer. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["Device"][];
                        };
                    };
                };
                /** @description The request is not valid; `errors` names each field (`params.id`, `querystring.limit`, `body.data.persons`…) and what is wrong with it. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No bearer token, or one that is expired, forged, or no longer valid (the account was disabled or its password changed). */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller’s role may not do this. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such item, or none in the caller’s areas. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A path parameter is longer than the router takes (1,024 characters). */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A service the route needs (the event store, Temporal) is unavailable, or an auditor’s read could not be recorded; `Retry-After` says when to try again. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/users/{id}/devices/{deviceId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Ends a device’s session: its refresh token no longer renews, and its access token runs out within 15 minutes */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    deviceId: string;
                    /** @description the account's id (its user name), at most 40 characters */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Done: the answer. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Device"];
                    };
                };
                /** @description The request is not valid; `errors` names each field (`params.id`, `querystring.limit`, `body.data.persons`…) and what is wrong with it. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No bearer token, or one that is expired, forged, or no longer valid (the account was disabled or its password changed). */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller’s role may not do this. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such item, or none in the caller’s areas. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The item’s state does not allow this now; `detail` says why. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is larger than the route takes. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A path parameter is longer than the router takes (1,024 characters). */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not of a media type the route takes. */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Over the rate limit; `Retry-After` says in how many seconds to try again. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A service the route needs (the event store, Temporal) is unavailable, or an auditor’s read could not be recorded; `Retry-After` says when to try again. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Done: the answer. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            eventStore: string;
                            projector: {
                                head: number;
                                lag: number;
                                position: number;
                            };
                            /** @enum {string} */
                            status: "ok" | "degraded";
                            temporal: string;
                        };
                    };
                };
                /** @description The answer. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            eventStore: string;
                            projector: {
                                head: number;
                                lag: number;
                                position: number;
                            };
                            /** @enum {string} */
                            status: "down";
                            temporal: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        Account: {
            areaCodes: string[];
            disabled: boolean;
            /** @description Where the person’s messages go; absent on accounts that have none. */
            email?: string;
            /** @description The person’s name; absent on accounts that have none. */
            fullName?: string;
            id: string;
            /**
             * @description The language of the person’s messages; Vietnamese when absent.
             * @enum {string}
             */
            language?: "vi" | "en";
            /** @enum {string} */
            role: "manager" | "supervisor" | "enumerator" | "auditor" | "respondent";
            /** @description The units a respondent answers for; absent for staff. */
            unitIds?: string[];
            username: string;
        };
        Area: {
            code: string;
            level: string;
            name: string;
            parent: string | null;
        };
        CheckResult: {
            id: string;
            message: {
                en: string;
                vi: string;
            };
            /** @enum {string} */
            outcome: "failed" | "skipped";
            row?: string;
            /** @enum {string} */
            severity: "block" | "warn";
        };
        CycleOverview: {
            areaCodes: string[];
            autoPublish: boolean;
            /** @description Why the cycle was cancelled, who asked and when; null unless it is cancelling or cancelled. */
            cancellation: {
                at: string;
                by: string;
                reason: string;
            } | null;
            collectionDeadline: string;
            counts: {
                approved: number;
                assigned: number;
                cancelled: number;
                checks_failed: number;
                in_review: number;
                non_response: number;
                rejected: number;
            };
            id: string;
            launchedAt: string;
            overdue: number;
            period: string;
            resultVersion: number;
            /** @enum {string} */
            status: "launching" | "collecting" | "closing" | "closed" | "published" | "cancelling" | "cancelled";
            survey: string;
            total: number;
        };
        Device: {
            /** @description neither revoked nor expired */
            active: boolean;
            /** @description when the device logged in */
            createdAt: string;
            deviceId: string;
            /** @description when its refresh token ends unless renewed */
            expiresAt: string;
            /** @description when it last logged in or renewed its session */
            lastUsedAt: string;
            name: string;
            revokedAt: string | null;
            revokedBy: string | null;
        };
        Draft: {
            /** @description the answers so far, as the form holds them; not checked */
            data: {
                [key: string]: unknown;
            };
            /** @description when the device saved it */
            savedAt: string;
            /** @description when the server stored it */
            storedAt: string;
            taskId: string;
        };
        FrameUnit: {
            address: string | null;
            areaCode: string;
            /** @description the area's name; null for a code the geography does not know */
            areaName: string | null;
            attributes: components["schemas"]["UnitAttributes"];
            /** @description the enumerator the unit names, who gets its tasks; null when tasks go to any enumerator of its area */
            enumerator: string | null;
            id: string;
            name: string;
            type: string;
        };
        LateSubmission: {
            acceptedAt: string | null;
            acceptedBy: string | null;
            /** @description who sent it */
            by: string;
            data: {
                [key: string]: unknown;
            };
            explanations: {
                [key: string]: string;
            };
            /** @description the device’s Idempotency-Key */
            id: string;
            receivedAt: string;
            /** @description the problem code that made it late, as the device reported it */
            refusedWith: string | null;
            /** @enum {string} */
            status: "received" | "accepted";
            /** @description when the user submitted on the device */
            submittedAt: string;
            taskId: string;
        };
        LookBack: {
            /** @description the unit’s approved response in the survey’s previous cycle, seen as `previous`; null when none */
            previous: {
                [key: string]: unknown;
            } | null;
            unit: components["schemas"]["UnitAttributes"];
        };
        /** @description RFC 9457 problem details; `code` and `params` name the refusal for clients to word it, `errors` names each field a 400 refuses. */
        Problem: {
            /** @description What was refused, by a stable code (`task.enumerator_not_eligible`); `detail` says it in English. */
            code: string;
            detail: string;
            errors?: {
                code?: string;
                message: string;
                params?: {
                    [key: string]: string | number;
                };
                path: string;
            }[];
            /** @description The values the code's words need (`{ "enumerator": "enum.hcm" }`). */
            params: {
                [key: string]: string | number;
            };
            status: number;
            title: string;
            type: string;
        };
        QuestionnaireItem: components["schemas"]["QuestionnaireSection"] | components["schemas"]["QuestionnaireRoster"] | components["schemas"]["QuestionnaireQuestion"];
        QuestionnaireItemInput: components["schemas"]["QuestionnaireSectionInput"] | components["schemas"]["QuestionnaireRosterInput"] | components["schemas"]["QuestionnaireQuestionInput"];
        QuestionnaireQuestion: {
            choices?: string | {
                label: {
                    en: string;
                    vi: string;
                };
                value: string;
            }[];
            constraint?: string;
            constraintMessage?: {
                en: string;
                vi: string;
            };
            expression?: string;
            hint?: {
                en: string;
                vi: string;
            };
            id: string;
            label?: {
                en: string;
                vi: string;
            };
            max?: number;
            maxLength?: number;
            min?: number;
            relevant?: string;
            /** @default false */
            required: boolean;
            /** @enum {string} */
            type: "integer" | "decimal" | "text" | "select_one" | "select_multiple" | "date" | "time" | "datetime" | "boolean" | "geopoint" | "calculate" | "note";
        };
        QuestionnaireQuestionInput: {
            choices?: string | {
                label: {
                    en: string;
                    vi: string;
                };
                value: string;
            }[];
            constraint?: string;
            constraintMessage?: {
                en: string;
                vi: string;
            };
            expression?: string;
            hint?: {
                en: string;
                vi: string;
            };
            id: string;
            label?: {
                en: string;
                vi: string;
            };
            max?: number;
            maxLength?: number;
            min?: number;
            relevant?: string;
            /** @default false */
            required: boolean;
            /** @enum {string} */
            type: "integer" | "decimal" | "text" | "select_one" | "select_multiple" | "date" | "time" | "datetime" | "boolean" | "geopoint" | "calculate" | "note";
        };
        QuestionnaireRoster: {
            /** @enum {string} */
            display?: "table" | "cards";
            id: string;
            items: components["schemas"]["QuestionnaireItem"][];
            label: {
                en: string;
                vi: string;
            };
            /** @default 100 */
            maxRows: number;
            relevant?: string;
            size?: string;
            /** @enum {string} */
            type: "roster";
        };
        QuestionnaireRosterInput: {
            /** @enum {string} */
            display?: "table" | "cards";
            id: string;
            items: components["schemas"]["QuestionnaireItemInput"][];
            label: {
                en: string;
                vi: string;
            };
            /** @default 100 */
            maxRows: number;
            relevant?: string;
            size?: string;
            /** @enum {string} */
            type: "roster";
        };
        QuestionnaireSection: {
            id: string;
            items: components["schemas"]["QuestionnaireItem"][];
            label: {
                en: string;
                vi: string;
            };
            relevant?: string;
            /** @enum {string} */
            type: "section";
        };
        QuestionnaireSectionInput: {
            id: string;
            items: components["schemas"]["QuestionnaireItemInput"][];
            label: {
                en: string;
                vi: string;
            };
            relevant?: string;
            /** @enum {string} */
            type: "section";
        };
        Receipt: {
            at: string;
            /** @description the SHA-256 of the submission’s event, as the log chains it */
            hash: string;
            /** @description what GET /api/receipts/{id} verifies */
            id: string;
            /** @description the submission’s place in the event log */
            position: number;
        };
        ReceiptCheck: {
            /** @description when the submission was received */
            at: string | null;
            period: string | null;
            /** @description the survey’s code */
            survey: string | null;
            /** @description whether the log holds the submission the receipt names, unchanged */
            valid: boolean;
        };
        ReportingRates: {
            items: {
                approved: number;
                areaCode: string;
                areaName: string;
                /** @description units the cycle was launched for */
                expected: number;
                late: number;
                /** @description received by the task’s due date */
                onTime: number;
                /** @description onTime ÷ expected */
                onTimeRate: number | null;
                period: string;
                /** @description received ÷ expected */
                rate: number | null;
                /** @description units whose response was received (passed its checks) */
                received: number;
            }[];
            /** @enum {string} */
            level: "province" | "commune";
            parent: string | null;
            periods: string[];
            survey: string;
        };
        RespondentReport: {
            cycleId: string;
            draftSavedAt: string | null;
            due: boolean;
            dueAt: string;
            id: string;
            overdue: boolean;
            period: string;
            receipt: components["schemas"]["Receipt"] | null;
            rejection: string | null;
            /** @enum {string} */
            status: "assigned" | "checks_failed" | "in_review" | "rejected" | "approved" | "non_response" | "cancelled";
            submittedAt: string | null;
            submittedBy: string | null;
            surveyId: string;
            surveyTitle: {
                en: string;
                vi: string;
            } | null;
            unitId: string;
            unitName: string | null;
        };
        Survey: {
            definedAt: string;
            definition: components["schemas"]["SurveyDefinition"];
            id: string;
            /** @description the newest version: the definition given */
            version: number;
        };
        SurveyDefinition: {
            /** @default [] */
            checks: {
                expression: string;
                id: string;
                message: {
                    en: string;
                    vi: string;
                };
                scope?: string;
                /** @enum {string} */
                severity: "block" | "warn";
            }[];
            /** @default {} */
            choiceLists: {
                [key: string]: {
                    label: {
                        en: string;
                        vi: string;
                    };
                    value: string;
                }[];
            };
            code: string;
            items: components["schemas"]["QuestionnaireItem"][];
            /** @enum {string} */
            kind: "census" | "sample_survey" | "reporting";
            /**
             * @default [
             *       "vi",
             *       "en"
             *     ]
             */
            languages: ("vi" | "en")[];
            /** @default 1 */
            minCellSize: number;
            /** @default [] */
            outputs: {
                /** @enum {string} */
                aggregate: "count" | "sum" | "mean" | "ratio";
                /** @enum {string} */
                by: "country" | "province" | "commune";
                crossBy?: string;
                denominator?: string;
                dominance?: {
                    p: number;
                    /** @enum {string} */
                    rule: "p_percent";
                } | {
                    k: number;
                    n: number;
                    /** @enum {string} */
                    rule: "nk";
                };
                field?: string;
                id: string;
                label?: {
                    en: string;
                    vi: string;
                };
                numerator?: string;
                of?: string;
                where?: string;
            }[];
            reviewLevels: ("country" | "province" | "commune")[];
            schedule?: {
                collectionDays: number;
                /** @enum {string} */
                every: "month" | "quarter" | "year";
            };
            title: {
                en: string;
                vi: string;
            };
            unitType: string;
        };
        SurveyDefinitionRequestInput: {
            /** @default [] */
            checks: {
                expression: string;
                id: string;
                message: {
                    en: string;
                    vi: string;
                };
                scope?: string;
                /** @enum {string} */
                severity: "block" | "warn";
            }[];
            /** @default {} */
            choiceLists: {
                [key: string]: {
                    label: {
                        en: string;
                        vi: string;
                    };
                    value: string;
                }[];
            };
            code: string;
            /**
             * @deprecated
             * @description Version 1: flat fields, read as items.
             */
            fields?: {
                choices?: string[];
                id: string;
                label: {
                    en: string;
                    vi: string;
                };
                max?: number;
                maxLength?: number;
                min?: number;
                /** @default false */
                required: boolean;
                /** @enum {string} */
                type: "integer" | "decimal" | "text" | "choice" | "date" | "boolean";
            }[];
            items?: components["schemas"]["QuestionnaireItemInput"][];
            /** @enum {string} */
            kind: "census" | "sample_survey" | "reporting";
            /**
             * @default [
             *       "vi",
             *       "en"
             *     ]
             */
            languages: ("vi" | "en")[];
            /** @default 1 */
            minCellSize: number;
            /** @default [] */
            outputs: {
                /** @enum {string} */
                aggregate: "count" | "sum" | "mean" | "ratio";
                /** @enum {string} */
                by: "country" | "province" | "commune";
                crossBy?: string;
                denominator?: string;
                dominance?: {
                    p: number;
                    /** @enum {string} */
                    rule: "p_percent";
                } | {
                    k: number;
                    n: number;
                    /** @enum {string} */
                    rule: "nk";
                };
                field?: string;
                id: string;
                label?: {
                    en: string;
                    vi: string;
                };
                numerator?: string;
                of?: string;
                where?: string;
            }[];
            reviewLevels: ("country" | "province" | "commune")[];
            schedule?: {
                collectionDays: number;
                /** @enum {string} */
                every: "month" | "quarter" | "year";
            };
            title: {
                en: string;
                vi: string;
            };
            unitType: string;
        };
        SurveyVersion: {
            definedAt: string;
            definition: components["schemas"]["SurveyDefinition"];
            version: number;
        };
        TaskCounts: {
            counts: {
                approved: number;
                assigned: number;
                cancelled: number;
                checks_failed: number;
                in_review: number;
                non_response: number;
                rejected: number;
            };
            cycleId: string;
            /** @description whose tasks were counted; null for every task the caller sees */
            enumerator: string | null;
            overdue: number;
            total: number;
        };
        TaskDetail: {
            areaCode: string;
            /** @description the area's name; null for a code the geography does not know */
            areaName: string | null;
            cycleId: string;
            dueAt: string;
            enumerator: string;
            /** @description the enumerator's full name; null if their account has none */
            enumeratorName: string | null;
            explanations: {
                [key: string]: string;
            };
            failed: components["schemas"]["CheckResult"][];
            id: string;
            lookBack: components["schemas"]["LookBack"];
            overdue: boolean;
            previousResponse: {
                [key: string]: unknown;
            } | null;
            response: {
                [key: string]: unknown;
            } | null;
            /**
             * @description the level reviewing it now
             * @enum {string|null}
             */
            reviewLevel: "country" | "province" | "commune" | null;
            reviewTrail: {
                at: string;
                by: string;
                comment: string;
                /** @enum {string} */
                decision: "approve" | "reject";
                level: string;
            }[];
            /** @enum {string} */
            status: "assigned" | "checks_failed" | "in_review" | "rejected" | "approved" | "non_response" | "cancelled";
            submissions: number;
            surveyId: string;
            /** @description the unit's address in the frame; null if it has none */
            unitAddress: string | null;
            unitId: string;
            /** @description the unit's name in the frame; null if the frame does not hold it */
            unitName: string | null;
            version: number;
            warnings: components["schemas"]["CheckResult"][];
        };
        TaskItem: {
            areaCode: string;
            /** @description the area's name; null for a code the geography does not know */
            areaName: string | null;
            dueAt: string;
            enumerator: string;
            /** @description the enumerator's full name; null if their account has none */
            enumeratorName: string | null;
            id: string;
            overdue: boolean;
            /**
             * @description the level reviewing it now
             * @enum {string|null}
             */
            reviewLevel: "country" | "province" | "commune" | null;
            /** @enum {string} */
            status: "assigned" | "checks_failed" | "in_review" | "rejected" | "approved" | "non_response" | "cancelled";
            /** @description the unit's address in the frame; null if it has none */
            unitAddress: string | null;
            unitId: string;
            /** @description the unit's name in the frame; null if the frame does not hold it */
            unitName: string | null;
        };
        UnitAttributes: {
            [key: string]: string | number | boolean;
        };
        User: {
            areaCodes: string[];
            /** @description Where the person’s messages go; absent on accounts that have none. */
            email?: string;
            /** @description The person’s name; absent on accounts that have none. */
            fullName?: string;
            id: string;
            /**
             * @description The language of the person’s messages; Vietnamese when absent.
             * @enum {string}
             */
            language?: "vi" | "en";
            /** @enum {string} */
            role: "manager" | "supervisor" | "enumerator" | "auditor" | "respondent";
            /** @description The units a respondent answers for; absent for staff. */
            unitIds?: string[];
            username: string;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
