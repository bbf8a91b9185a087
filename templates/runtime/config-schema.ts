/**
 * JSON Schema of the server configuration file. The validator compiled from it is committed
 * as config-validator.ts (run `npm run build:config-validator` after a change), so the server
 * never compiles a schema at start-up.
 */

const positiveInteger = { type: 'integer', minimum: 1 } as const
const nonNegativeInteger = { type: 'integer', minimum: 0 } as const
const failureMode = { enum: ['open', 'closed'] } as const
const rateLimitPolicy = {
  type: 'object',
  additionalProperties: false,
  required: ['limit', 'window_seconds'],
  properties: { limit: positiveInteger, window_seconds: { type: 'number', exclusiveMinimum: 0 } },
} as const

export const configSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  additionalProperties: false,
  properties: {
    environment: {
      type: 'object',
      additionalProperties: false,
      properties: { name: { type: 'string', minLength: 1 }, description: { type: 'string' } },
    },
    server: {
      type: 'object',
      additionalProperties: false,
      properties: {
        host: { type: 'string', minLength: 1 },
        port: { type: 'integer', minimum: 0, maximum: 65535 },
        body_limit_bytes: positiveInteger,
        max_error_details: positiveInteger,
        trusted_proxies: { type: 'array', items: { type: 'string', minLength: 1 } },
        tls: {
          type: ['object', 'null'],
          additionalProperties: false,
          required: ['cert_file', 'key_file'],
          properties: { cert_file: { type: 'string', minLength: 1 }, key_file: { type: 'string', minLength: 1 } },
        },
        require_https: { type: 'boolean' },
        hsts_max_age_seconds: nonNegativeInteger,
        headers_timeout_seconds: { type: 'number', exclusiveMinimum: 0 },
        request_timeout_seconds: { type: 'number', exclusiveMinimum: 0 },
        keep_alive_timeout_seconds: { type: 'number', exclusiveMinimum: 0 },
        shutdown_timeout_seconds: { type: 'number', minimum: 0 },
        max_json_depth: positiveInteger,
        multipart: {
          type: 'object',
          additionalProperties: false,
          properties: {
            max_file_bytes: positiveInteger,
            max_field_bytes: positiveInteger,
            max_files: nonNegativeInteger,
            max_fields: nonNegativeInteger,
            max_parts: positiveInteger,
          },
        },
      },
    },
    api_validator: {
      type: 'object',
      additionalProperties: false,
      properties: {
        enable_validation: { type: 'boolean' },
        enable_idempotency: { type: 'boolean' },
        enable_rate_limiting: { type: 'boolean' },
        max_validation_time_ms: { type: 'number', exclusiveMinimum: 0 },
        spec_cache_ttl_minutes: nonNegativeInteger,
      },
    },
    redis: {
      type: ['object', 'null'],
      additionalProperties: false,
      properties: {
        url: { type: ['string', 'null'], minLength: 1 },
        host: { type: ['string', 'null'], minLength: 1 },
        port: { type: 'integer', minimum: 1, maximum: 65535 },
        db: { type: 'integer', minimum: 0, maximum: 15 },
        password: { type: ['string', 'null'] },
        max_connections: positiveInteger,
        socket_timeout_seconds: { type: 'number', exclusiveMinimum: 0 },
        command_timeout_ms: positiveInteger,
        retry_on_timeout: { type: 'boolean' },
        key_prefix: { type: 'string', pattern: '^[A-Za-z0-9:_.-]{1,64}$' },
        cluster_nodes: { type: 'array', items: { type: 'string', pattern: '^[^\\s:]+:[0-9]{1,5}$' } },
      },
    },
    idempotency: {
      type: 'object',
      additionalProperties: false,
      properties: {
        enabled: { type: 'boolean' },
        window_hours: { type: 'number', exclusiveMinimum: 0 },
        hash_algorithm: { enum: ['sha256'] },
        lease_seconds: { type: 'number', exclusiveMinimum: 0 },
        key_format: { enum: ['printable', 'uuid-v4'] },
        max_response_bytes: positiveInteger,
        failure_mode: failureMode,
      },
    },
    rate_limiting: {
      type: 'object',
      additionalProperties: false,
      properties: {
        enabled: { type: 'boolean' },
        default_limit: positiveInteger,
        default_window_seconds: { type: 'number', exclusiveMinimum: 0 },
        endpoints: { type: 'object', additionalProperties: rateLimitPolicy },
        ipv6_prefix_length: { type: 'integer', minimum: 1, maximum: 128 },
        failure_mode: failureMode,
      },
    },
    validation: {
      type: 'object',
      additionalProperties: false,
      properties: {
        validate_requests: { type: 'boolean' },
        validate_responses: { type: 'boolean' },
        response_validation: { enum: ['enforce', 'log', 'off'] },
        fail_on_unknown_fields: { type: 'boolean' },
        read_only_properties: { enum: ['reject', 'strip'] },
        coerce_types: { type: 'boolean' },
        pattern_max_length: positiveInteger,
      },
    },
    logging: {
      type: 'object',
      additionalProperties: false,
      properties: {
        level: { enum: ['TRACE', 'DEBUG', 'INFO', 'WARNING', 'WARN', 'ERROR', 'FATAL', 'SILENT', 'trace', 'debug', 'info', 'warn', 'warning', 'error', 'fatal', 'silent'] },
        format: { enum: ['json'] },
        output_path: { type: ['string', 'null'] },
        log_validation_errors: { type: 'boolean' },
        log_rate_limit_hits: { type: 'boolean' },
      },
    },
    monitoring: {
      type: 'object',
      additionalProperties: false,
      properties: {
        collect_metrics: { type: 'boolean' },
        metric_names: { type: 'array', items: { type: 'string' } },
        metrics_port: { type: ['integer', 'null'], minimum: 0, maximum: 65535 },
        alerts: {
          type: 'object',
          additionalProperties: false,
          properties: {
            validation_latency_ms: { type: 'number', exclusiveMinimum: 0 },
            validation_error_rate_per_second: { type: 'number', exclusiveMinimum: 0 },
            redis_memory_bytes: positiveInteger,
          },
        },
      },
    },
  },
} as const
