/// The API of `nest serve` as OpenAPI 3.1, served at `/api/openapi.yaml`.
enum OpenAPIDocument {
    static let yaml = """
        openapi: 3.1.0
        info:
          title: nest serve
          version: "1"
          description: >-
            The cutting room's nesting server: a persistent job queue (SQLite or PostgreSQL), workers that nest
            each job as `nest JOB.json` would, the files each job writes, and cutting sessions (an order cut
            hide by hide, each hide nested against what is left, its parts booked when its cut is confirmed). Every refusal is a
            4xx with {"error": "FILE: ITEM: PROBLEM"}; a queue database that cannot answer gives 503
            with {"error": "DATABASE: REASON"}. With a token file, every route but
            /api/health and the web page at / needs `Authorization: Bearer TOKEN`.
        paths:
          /:
            get:
              summary: The web page - send a job, watch and reorder the queue, open a finished job's files (no token needed; the page asks for it).
              responses:
                "200": {description: One self-contained HTML page, content: {text/html: {schema: {type: string}}}}
          /api/health:
            get:
              summary: The server is up (no token needed).
              responses:
                "200": {description: OK, content: {application/json: {schema: {type: object, properties: {status: {type: string}}}}}}
          /api/jobs:
            get:
              summary: The queue - running jobs, then queued ones by priority and age, then finished ones, newest first.
              responses:
                "200": {description: The jobs, content: {application/json: {schema: {type: object, properties: {jobs: {type: array, items: {$ref: "#/components/schemas/Job"}}}}}}}
            post:
              summary: Queue a bundled job (`nest bundle JOB.json`).
              parameters:
                - {name: priority, in: query, schema: {type: integer, minimum: -1000, maximum: 1000, default: 0}}
                - {name: time_limit, in: query, description: seconds, schema: {type: number, exclusiveMinimum: 0}}
                - {name: target_yield, in: query, description: "stop the optimizer once its best nest reaches this yield (percent); decided by the seed and budgets, not the clock", schema: {type: number, exclusiveMinimum: 0, maximum: 100}}
              requestBody:
                required: true
                content: {application/json: {schema: {type: object, description: "a nest-job/1 document with every pattern and stock inline"}}}
              responses:
                "201": {description: Queued, headers: {Location: {schema: {type: string}}}, content: {application/json: {schema: {$ref: "#/components/schemas/Job"}}}}
                "400": {$ref: "#/components/responses/Refused"}
                "401": {$ref: "#/components/responses/Refused"}
                "413": {$ref: "#/components/responses/Refused"}
          /api/jobs/{id}:
            parameters: [{name: id, in: path, required: true, schema: {type: integer, minimum: 1}}]
            get:
              summary: One job - its status, progress, error and files.
              responses:
                "200": {description: The job, content: {application/json: {schema: {$ref: "#/components/schemas/Job"}}}}
                "404": {$ref: "#/components/responses/Refused"}
            patch:
              summary: Change a job's priority.
              requestBody: {required: true, content: {application/json: {schema: {type: object, properties: {priority: {type: integer}}, required: [priority]}}}}
              responses:
                "200": {description: The job, content: {application/json: {schema: {$ref: "#/components/schemas/Job"}}}}
                "400": {$ref: "#/components/responses/Refused"}
                "404": {$ref: "#/components/responses/Refused"}
          /api/jobs/{id}/cancel:
            parameters: [{name: id, in: path, required: true, schema: {type: integer, minimum: 1}}]
            post:
              summary: Cancel a queued job, or stop a running one, which then writes its best verified nest.
              responses:
                "200": {description: Cancelled (or already finished), content: {application/json: {schema: {$ref: "#/components/schemas/Job"}}}}
                "202": {description: Stopping, content: {application/json: {schema: {$ref: "#/components/schemas/Job"}}}}
                "404": {$ref: "#/components/responses/Refused"}
          /api/jobs/{id}/events:
            parameters: [{name: id, in: path, required: true, schema: {type: integer, minimum: 1}}]
            get:
              summary: >-
                The job's progress as server-sent events - `event: status` (the job) when the stream opens and at each
                change of status, `event: progress` (phase, parts placed, yield, iteration) at each new report of its
                worker, and last `event: end` (the job as it ended), after which the stream closes.
              responses:
                "200": {description: The event stream, content: {text/event-stream: {schema: {type: string}}}}
                "404": {$ref: "#/components/responses/Refused"}
          /api/bundle:
            post:
              summary: >-
                A job sent as its own files (the web page's folder upload) bundled as `nest bundle` bundles it, from the
                uploaded files only - nothing is queued or kept. Every file the job names must be uploaded (at that path
                from the job's folder, or else the one file of that name); absolute names and `..` are refused.
              requestBody:
                required: true
                content:
                  application/json:
                    schema:
                      type: object
                      required: [files]
                      properties:
                        job: {type: string, description: 'the job file among them; default: the one saying "format": "nest-job/1"'}
                        files:
                          type: object
                          description: "file name (a path inside the upload) to its text, or to {base64: BYTES}"
                          additionalProperties:
                            oneOf:
                              - {type: string}
                              - {type: object, required: [base64], properties: {base64: {type: string, contentEncoding: base64}}}
              responses:
                "200":
                  description: The bundled job (post it to /api/jobs or /api/orders) and the readers' notes
                  content: {application/json: {schema: {type: object, properties: {bundle: {type: object}, notes: {type: array, items: {type: string}}}}}}
                "400": {$ref: "#/components/responses/Refused"}
                "401": {$ref: "#/components/responses/Refused"}
                "413": {$ref: "#/components/responses/Refused"}
          /api/orders:
            post:
              summary: >-
                Open a cutting session - an order cut hide by hide. The body is a bundled job (`nest bundle JOB.json`);
                its patterns, order lines, rules and budgets are kept, its stock (if any) is set aside.
              requestBody:
                required: true
                content: {application/json: {schema: {type: object, description: "a nest-job/1 document with its patterns inline; stock optional"}}}
              responses:
                "201": {description: Opened, headers: {Location: {schema: {type: string}}}, content: {application/json: {schema: {$ref: "#/components/schemas/Order"}}}}
                "400": {$ref: "#/components/responses/Refused"}
                "413": {$ref: "#/components/responses/Refused"}
          /api/orders/{id}:
            parameters: [{name: id, in: path, required: true, schema: {type: integer, minimum: 1}}]
            get:
              summary: The order - the parts still to cut, the hides booked, and every hide posted with its state.
              responses:
                "200": {description: The order, content: {application/json: {schema: {$ref: "#/components/schemas/Order"}}}}
                "404": {$ref: "#/components/responses/Refused"}
          /api/orders/{id}/hides:
            parameters: [{name: id, in: path, required: true, schema: {type: integer, minimum: 1}}]
            post:
              summary: >-
                The hide on the table, as it was digitized (a nest-hide/1 file) - queues a job that nests it against what
                is free of the order (as `nest JOB --remaining STATE`): what is left less the parts the other nested,
                unconfirmed, not discarded hides hold (computed again when the job starts). Nothing is booked until the cut
                is confirmed; until then the nested hide holds its parts.
              parameters:
                - {$ref: "#/components/parameters/Samples"}
                - {$ref: "#/components/parameters/Iterations"}
                - {$ref: "#/components/parameters/TimeLimit"}
                - {$ref: "#/components/parameters/Priority"}
              requestBody: {required: true, content: {application/json: {schema: {type: object, description: a nest-hide/1 document}}}}
              responses:
                "201": {description: Queued, headers: {Location: {description: the job, schema: {type: string}}}, content: {application/json: {schema: {$ref: "#/components/schemas/HideJob"}}}}
                "400": {$ref: "#/components/responses/Refused"}
                "404": {$ref: "#/components/responses/Refused"}
                "409": {description: "Nothing of the hide's material is left in the order, or everything left is held by other hides", content: {application/json: {schema: {$ref: "#/components/schemas/Error"}}}}
          /api/orders/{id}/hides/{n}/confirm:
            parameters:
              - {name: id, in: path, required: true, schema: {type: integer, minimum: 1}}
              - {name: n, in: path, required: true, description: the hide's number in the order, from 1, schema: {type: integer, minimum: 1}}
            post:
              summary: The operator cut the hide - its nest's placed parts are booked off the order (once).
              responses:
                "200": {description: Booked; the order, content: {application/json: {schema: {$ref: "#/components/schemas/Order"}}}}
                "404": {$ref: "#/components/responses/Refused"}
                "409": {description: "Confirmed already, not nested yet, its nest failed, or the order no longer needs some of its parts", content: {application/json: {schema: {$ref: "#/components/schemas/Error"}}}}
          /api/orders/{id}/hides/{n}/defects:
            parameters:
              - {name: id, in: path, required: true, schema: {type: integer, minimum: 1}}
              - {name: n, in: path, required: true, schema: {type: integer, minimum: 1}}
            post:
              summary: >-
                A defect marked late on a nested hide, in the hide's coordinates - re-nests the hide starting from its
                current nest (as `nest JOB --start REPORT`): every part still feasible stays where it is.
              parameters:
                - {$ref: "#/components/parameters/Samples"}
                - {$ref: "#/components/parameters/Iterations"}
                - {$ref: "#/components/parameters/TimeLimit"}
                - {$ref: "#/components/parameters/Priority"}
              requestBody:
                required: true
                content:
                  application/json:
                    schema:
                      type: object
                      description: as a hide file lists its defects
                      required: [outline]
                      properties:
                        outline: {type: array, items: {type: array, items: {type: number}, minItems: 2, maxItems: 2}}
                        kind: {type: string}
                        severity: {type: string, enum: [critical, major, minor]}
                        clearance: {type: number, minimum: 0, maximum: 200}
              responses:
                "201": {description: Queued, content: {application/json: {schema: {$ref: "#/components/schemas/HideJob"}}}}
                "400": {$ref: "#/components/responses/Refused"}
                "404": {$ref: "#/components/responses/Refused"}
                "409": {description: "Confirmed already, discarded, or not nested yet", content: {application/json: {schema: {$ref: "#/components/schemas/Error"}}}}
          /api/orders/{id}/hides/{n}/discard:
            parameters:
              - {name: id, in: path, required: true, schema: {type: integer, minimum: 1}}
              - {name: n, in: path, required: true, schema: {type: integer, minimum: 1}}
            post:
              summary: >-
                Give a hide up (it will not be cut as nested) - it stops holding its parts, so the next hides may take them;
                its job is cancelled if still queued or running.
              responses:
                "200": {description: Discarded; the order, content: {application/json: {schema: {$ref: "#/components/schemas/Order"}}}}
                "404": {$ref: "#/components/responses/Refused"}
                "409": {description: "Its cut was confirmed (its parts are booked), or it was discarded already", content: {application/json: {schema: {$ref: "#/components/schemas/Error"}}}}
          /api/orders/{id}/lines:
            parameters: [{name: id, in: path, required: true, schema: {type: integer, minimum: 1}}]
            post:
              summary: >-
                Pairs added to the order - order lines as a job file lists them, of the order's own patterns (named by the
                file the order took them from, the pattern's name, or the pattern inline). What is left grows; every hide
                nested and not confirmed is re-nested from its current nest (a warm start) against the grown order.
              parameters:
                - {$ref: "#/components/parameters/Samples"}
                - {$ref: "#/components/parameters/Iterations"}
                - {$ref: "#/components/parameters/TimeLimit"}
                - {$ref: "#/components/parameters/Priority"}
              requestBody:
                required: true
                content:
                  application/json:
                    schema:
                      type: object
                      required: [order]
                      properties:
                        order:
                          type: array
                          minItems: 1
                          items: {type: object, required: [pattern, sizes], properties: {pattern: {type: [string, object]}, sizes: {type: object, additionalProperties: {type: integer}}}}
              responses:
                "200":
                  description: "Added; the order, with parts_added and the hides re-nested"
                  content:
                    application/json:
                      schema:
                        allOf:
                          - {$ref: "#/components/schemas/Order"}
                          - type: object
                            properties:
                              parts_added: {type: integer}
                              renested: {type: array, items: {type: object, properties: {hide: {type: integer}, job: {type: [integer, "null"]}, parts: {type: integer}, refused: {type: integer, description: the status a re-nest was refused with (the hide changed meanwhile)}}}}
                "400": {$ref: "#/components/responses/Refused"}
                "404": {$ref: "#/components/responses/Refused"}
                "413": {$ref: "#/components/responses/Refused"}
          /api/jobs/{id}/files/{name}:
            parameters:
              - {name: id, in: path, required: true, schema: {type: integer, minimum: 1}}
              - {name: name, in: path, required: true, description: "one of the job's files: report.json, cut-sheets.pdf, sheet-NN.svg/plt/nc/dxf, index.html, ...", schema: {type: string}}
            get:
              summary: A file the job wrote.
              responses:
                "200": {description: The file}
                "404": {$ref: "#/components/responses/Refused"}
        components:
          responses:
            Refused: {description: Refused, content: {application/json: {schema: {$ref: "#/components/schemas/Error"}}}}
          parameters:
            # The budget of a job that nests a hide of an order (a new hide, a late defect, added pairs).
            Samples: {name: samples, in: query, description: "first-nest samples, over the order's own", schema: {type: integer, minimum: 1}}
            Iterations: {name: iterations, in: query, description: "optimizer iterations, over the order's own", schema: {type: integer, minimum: 0}}
            TimeLimit: {name: time_limit, in: query, description: "seconds (default 10)", schema: {type: number, exclusiveMinimum: 0, maximum: 3600}}
            Priority: {name: priority, in: query, description: "default 100: the operator waits at the table", schema: {type: integer, minimum: -1000, maximum: 1000}}
          schemas:
            Error:
              type: object
              required: [error]
              properties:
                error: {type: string, description: "FILE: ITEM: PROBLEM, as the command line says it"}
            Job:
              type: object
              required: [id, name, status, priority, parts, submitted_at, files]
              properties:
                id: {type: integer}
                name: {type: string}
                status: {type: string, enum: [queued, running, done, failed, cancelled]}
                priority: {type: integer}
                parts: {type: integer}
                submitted_at: {type: string, format: date-time}
                started_at: {type: [string, "null"], format: date-time}
                finished_at: {type: [string, "null"], format: date-time}
                progress:
                  type: [object, "null"]
                  properties:
                    phase: {type: string}
                    parts_placed: {type: integer}
                    parts_total: {type: integer}
                    yield_percent: {type: number}
                    iteration: {type: [integer, "null"]}
                    budget: {type: [integer, "null"]}
                error: {type: [string, "null"]}
                files: {type: array, items: {type: string}}
                worker: {type: [string, "null"]}
                time_limit: {type: [number, "null"]}
                cancel_requested: {type: boolean}
                attempts: {type: integer, description: how many times a worker took the job (more than 1 after a worker stopped or died)}
                target_yield: {type: [number, "null"], description: percent}
            HideJob:
              type: object
              required: [order, hide, job, parts, status]
              properties:
                order: {type: integer}
                hide: {type: integer, description: the hide's number in the order}
                job: {type: integer, description: "the job that nests it (GET /api/jobs/{job}, .../files/report.json)"}
                parts: {type: integer, description: the parts the job asks for (what is left of the hide's material)}
                status: {type: string}
            Order:
              type: object
              required: [id, name, parts_left, remaining, cut, hides]
              properties:
                id: {type: integer}
                name: {type: string}
                created_at: {type: string, format: date-time}
                parts_left: {type: integer, description: the parts not yet booked}
                parts_reserved: {type: integer, description: of those, the parts held by nested hides not yet confirmed nor discarded}
                parts_free: {type: integer, description: parts_left less parts_reserved - what a new hide is nested against}
                free: {type: array, description: "as remaining, net of the parts held", items: {type: object}}
                remaining:
                  type: array
                  description: as a nest-order-state/1 file lists them
                  items: {type: object, properties: {order_line: {type: integer}, size: {type: string}, panel: {type: string}, side: {type: string}, count: {type: integer}}}
                cut: {type: array, description: the hides booked, in order, items: {type: object, properties: {stock: {type: string}, parts: {type: integer}}}}
                hides:
                  type: array
                  items:
                    type: object
                    properties:
                      hide: {type: integer}
                      name: {type: string}
                      status: {type: string, enum: [queued, running, nested, failed, cancelled, confirmed, discarded, gone]}
                      reserved: {type: boolean, description: "it holds parts (nested, or re-nested from a nest, and neither confirmed nor discarded)"}
                      parts_reserved: {type: integer}
                      job: {type: integer}
                      parts_placed: {type: [integer, "null"]}
                      late_defects: {type: integer}
                      started_from_job: {type: [integer, "null"], description: the job whose nest a re-nest started from}
                      report: {type: [string, "null"]}
                      error: {type: [string, "null"]}

        """
}
