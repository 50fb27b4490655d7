/// The API of `nest serve` as OpenAPI 3.1, served at `/api/openapi.yaml`.
enum OpenAPIDocument {
    static let yaml = """
        openapi: 3.1.0
        info:
          title: nest serve
          version: "1"
          description: >-
            The cutting room's nesting server: a persistent job queue (SQLite or PostgreSQL), workers that nest
            each job as `nest JOB.json` would, and the files each job writes. Every refusal is a
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
            Refused: {description: Refused, content: {application/json: {schema: {type: object, properties: {error: {type: string}}, required: [error]}}}}
          schemas:
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

        """
}
