// Generated from openapi.yaml by `yarn generate:openapi`; do not edit.
import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';

/** The REST API's OpenAPI spec (src/schema/openapi.yaml). @public */
export const spec = {
  openapi: '3.0.3',
  info: {
    title: 'readiness',
    version: '1',
    description:
      "Production-readiness scorecards of catalog entities. Every answer follows the catalog's permissions: an entity hidden from the caller is neither listed, counted nor found (404). Invalid input is answered with 400 and an InputError naming the parameter; another method on a path of the API with 405 and an Allow header.",
    license: {
      name: 'Apache-2.0',
      url: 'http://www.apache.org/licenses/LICENSE-2.0.html',
    },
  },
  servers: [
    {
      url: '/',
    },
  ],
  paths: {
    '/scorecards/{kind}/{namespace}/{name}': {
      get: {
        operationId: 'GetScorecard',
        description:
          "The entity's latest scorecard (null before its first audit), its score history (up to 90 points, oldest first) and whether a refresh is under way. Only audited kinds (Component) have one; another kind is a 404.",
        parameters: [
          {
            $ref: '#/components/parameters/kind',
          },
          {
            $ref: '#/components/parameters/namespace',
          },
          {
            $ref: '#/components/parameters/name',
          },
        ],
        responses: {
          '200': {
            description: 'The scorecard.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/JsonObject',
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
      head: {
        operationId: 'HeadScorecard',
        description: 'GET without the body.',
        parameters: [
          {
            $ref: '#/components/parameters/kind',
          },
          {
            $ref: '#/components/parameters/namespace',
          },
          {
            $ref: '#/components/parameters/name',
          },
        ],
        responses: {
          '200': {
            description: 'The scorecard exists.',
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/scorecards/{kind}/{namespace}/{name}/changes': {
      get: {
        operationId: 'GetChanges',
        description:
          "What changed since the last audit: the latest audit and the one before it (time, score, verdict, blockers and the commit or etag each read) and the latest audit's rule transitions (newlyFailing, fixed, newlyWaived, waiverExpired, and the findings added and resolved by fingerprint). transitions is null after a first audit or for an audit recorded before they were kept; current is null before the first audit.",
        parameters: [
          {
            $ref: '#/components/parameters/kind',
          },
          {
            $ref: '#/components/parameters/namespace',
          },
          {
            $ref: '#/components/parameters/name',
          },
        ],
        responses: {
          '200': {
            description: 'The changes.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/JsonObject',
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
      head: {
        operationId: 'HeadChanges',
        description: 'GET without the body.',
        parameters: [
          {
            $ref: '#/components/parameters/kind',
          },
          {
            $ref: '#/components/parameters/namespace',
          },
          {
            $ref: '#/components/parameters/name',
          },
        ],
        responses: {
          '200': {
            description: 'The changes exist.',
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/scorecards/{kind}/{namespace}/{name}/review.md': {
      get: {
        operationId: 'GetReview',
        description:
          'The latest scorecard as a markdown review, as a download.',
        parameters: [
          {
            $ref: '#/components/parameters/kind',
          },
          {
            $ref: '#/components/parameters/namespace',
          },
          {
            $ref: '#/components/parameters/name',
          },
        ],
        responses: {
          '200': {
            description: 'The review.',
            content: {
              'text/markdown': {
                schema: {
                  type: 'string',
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
      head: {
        operationId: 'HeadReview',
        description: 'GET without the body.',
        parameters: [
          {
            $ref: '#/components/parameters/kind',
          },
          {
            $ref: '#/components/parameters/namespace',
          },
          {
            $ref: '#/components/parameters/name',
          },
        ],
        responses: {
          '200': {
            description: 'The review exists.',
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/scorecards/{kind}/{namespace}/{name}/refresh': {
      post: {
        operationId: 'RefreshScorecard',
        description:
          'Queues an audit of the entity ahead of the schedule (permission readiness.scorecard.refresh). No request body is read.',
        parameters: [
          {
            $ref: '#/components/parameters/kind',
          },
          {
            $ref: '#/components/parameters/namespace',
          },
          {
            $ref: '#/components/parameters/name',
          },
        ],
        responses: {
          '202': {
            description: 'Queued.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: {
                    status: {
                      type: 'string',
                      enum: ['queued'],
                    },
                  },
                  required: ['status'],
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/scorecards/{kind}/{namespace}/{name}/fixes': {
      get: {
        operationId: 'GetFixes',
        description:
          'The suggested change of each fixable failing rule (a redacted diff, notes and the expected gain), computed from the repository at the last audited commit.',
        parameters: [
          {
            $ref: '#/components/parameters/kind',
          },
          {
            $ref: '#/components/parameters/namespace',
          },
          {
            $ref: '#/components/parameters/name',
          },
        ],
        responses: {
          '200': {
            description: 'The suggestions.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/JsonObject',
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
      head: {
        operationId: 'HeadFixes',
        description: 'GET without the body.',
        parameters: [
          {
            $ref: '#/components/parameters/kind',
          },
          {
            $ref: '#/components/parameters/namespace',
          },
          {
            $ref: '#/components/parameters/name',
          },
        ],
        responses: {
          '200': {
            description: 'The suggestions exist.',
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/scorecards/{kind}/{namespace}/{name}/fixes/pull-request': {
      post: {
        operationId: 'OpenFixPullRequest',
        description:
          'Opens a pull request (GitHub) or merge request (GitLab) with the suggested changes (permission readiness.fix.create). The body is JSON of at most 16 kB; an absent body means every fixable rule.',
        parameters: [
          {
            $ref: '#/components/parameters/kind',
          },
          {
            $ref: '#/components/parameters/namespace',
          },
          {
            $ref: '#/components/parameters/name',
          },
        ],
        requestBody: {
          required: false,
          content: {
            'application/json': {
              schema: {
                $ref: '#/components/schemas/FixPullRequestRequest',
              },
            },
          },
        },
        responses: {
          '201': {
            description: 'Opened.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/JsonObject',
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/leaderboard': {
      get: {
        operationId: 'GetLeaderboard',
        description:
          'Audited entities the caller can see, filtered, ordered (by default by score, lowest first) and paged; total counts every match.',
        parameters: [
          {
            name: 'owner',
            in: 'query',
            allowReserved: true,
            description:
              'Owner entity ref; a bare name means group:default/<name>.',
            schema: {
              $ref: '#/components/schemas/EntityRef',
            },
          },
          {
            name: 'kind',
            in: 'query',
            description:
              'Entity kind; a kind that is not audited matches nothing.',
            schema: {
              $ref: '#/components/schemas/KindName',
            },
          },
          {
            name: 'lifecycle',
            in: 'query',
            allowReserved: true,
            schema: {
              type: 'string',
              minLength: 1,
              maxLength: 255,
              pattern:
                '^[^\\p{Cc}\\p{Cs}]*[^\\p{Cc}\\p{Cs}\\s][^\\p{Cc}\\p{Cs}]*$',
            },
          },
          {
            name: 'band',
            in: 'query',
            schema: {
              $ref: '#/components/schemas/Band',
            },
          },
          {
            name: 'category',
            in: 'query',
            description:
              "Only entities with a blocker in this category: a built-in category or a custom one this backend's configuration declares (GET /categories lists them); another id is a 400.",
            schema: {
              $ref: '#/components/schemas/CategoryId',
            },
          },
          {
            name: 'minScore',
            in: 'query',
            description: 'At most maxScore.',
            schema: {
              $ref: '#/components/schemas/Score',
            },
          },
          {
            name: 'maxScore',
            in: 'query',
            schema: {
              $ref: '#/components/schemas/Score',
            },
          },
          {
            name: 'q',
            in: 'query',
            allowReserved: true,
            description:
              'Case-insensitive search in names, titles and entity refs.',
            schema: {
              type: 'string',
              maxLength: 200,
              pattern: '^[^\\p{Cc}\\p{Cs}]*$',
            },
          },
          {
            name: 'orderBy',
            in: 'query',
            schema: {
              type: 'string',
              enum: ['score', 'name', 'owner', 'auditedAt'],
            },
          },
          {
            name: 'order',
            in: 'query',
            schema: {
              type: 'string',
              enum: ['asc', 'desc'],
            },
          },
          {
            name: 'limit',
            in: 'query',
            description: 'Default 50.',
            schema: {
              type: 'integer',
              minimum: 1,
              maximum: 500,
            },
          },
          {
            $ref: '#/components/parameters/offset',
          },
          {
            name: 'includeUnscored',
            in: 'query',
            description:
              'Also list entities without a successful audit (score null).',
            schema: {
              type: 'boolean',
            },
          },
        ],
        responses: {
          '200': {
            description: 'A page of the leaderboard.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/JsonObject',
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
      head: {
        operationId: 'HeadLeaderboard',
        description: 'GET without the body.',
        parameters: [
          {
            name: 'owner',
            in: 'query',
            allowReserved: true,
            description:
              'Owner entity ref; a bare name means group:default/<name>.',
            schema: {
              $ref: '#/components/schemas/EntityRef',
            },
          },
          {
            name: 'kind',
            in: 'query',
            description:
              'Entity kind; a kind that is not audited matches nothing.',
            schema: {
              $ref: '#/components/schemas/KindName',
            },
          },
          {
            name: 'lifecycle',
            in: 'query',
            allowReserved: true,
            schema: {
              type: 'string',
              minLength: 1,
              maxLength: 255,
              pattern:
                '^[^\\p{Cc}\\p{Cs}]*[^\\p{Cc}\\p{Cs}\\s][^\\p{Cc}\\p{Cs}]*$',
            },
          },
          {
            name: 'band',
            in: 'query',
            schema: {
              $ref: '#/components/schemas/Band',
            },
          },
          {
            name: 'category',
            in: 'query',
            description:
              "Only entities with a blocker in this category: a built-in category or a custom one this backend's configuration declares (GET /categories lists them); another id is a 400.",
            schema: {
              $ref: '#/components/schemas/CategoryId',
            },
          },
          {
            name: 'minScore',
            in: 'query',
            description: 'At most maxScore.',
            schema: {
              $ref: '#/components/schemas/Score',
            },
          },
          {
            name: 'maxScore',
            in: 'query',
            schema: {
              $ref: '#/components/schemas/Score',
            },
          },
          {
            name: 'q',
            in: 'query',
            allowReserved: true,
            description:
              'Case-insensitive search in names, titles and entity refs.',
            schema: {
              type: 'string',
              maxLength: 200,
              pattern: '^[^\\p{Cc}\\p{Cs}]*$',
            },
          },
          {
            name: 'orderBy',
            in: 'query',
            schema: {
              type: 'string',
              enum: ['score', 'name', 'owner', 'auditedAt'],
            },
          },
          {
            name: 'order',
            in: 'query',
            schema: {
              type: 'string',
              enum: ['asc', 'desc'],
            },
          },
          {
            name: 'limit',
            in: 'query',
            description: 'Default 50.',
            schema: {
              type: 'integer',
              minimum: 1,
              maximum: 500,
            },
          },
          {
            $ref: '#/components/parameters/offset',
          },
          {
            name: 'includeUnscored',
            in: 'query',
            description:
              'Also list entities without a successful audit (score null).',
            schema: {
              type: 'boolean',
            },
          },
        ],
        responses: {
          '200': {
            description: 'A page of the leaderboard.',
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/blockers': {
      get: {
        operationId: 'GetBlockers',
        description:
          'The rules that block the most visible entities, most widespread first; each with its first entities and the count of all.',
        parameters: [
          {
            name: 'limit',
            in: 'query',
            description: 'Rules per page; default 100.',
            schema: {
              type: 'integer',
              minimum: 1,
              maximum: 500,
            },
          },
          {
            $ref: '#/components/parameters/offset',
          },
          {
            name: 'entities',
            in: 'query',
            description: 'Entity refs listed per rule; default 100.',
            schema: {
              type: 'integer',
              minimum: 0,
              maximum: 10000,
            },
          },
        ],
        responses: {
          '200': {
            description: 'A page of blockers.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/JsonObject',
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
      head: {
        operationId: 'HeadBlockers',
        description: 'GET without the body.',
        parameters: [
          {
            name: 'limit',
            in: 'query',
            description: 'Rules per page; default 100.',
            schema: {
              type: 'integer',
              minimum: 1,
              maximum: 500,
            },
          },
          {
            $ref: '#/components/parameters/offset',
          },
          {
            name: 'entities',
            in: 'query',
            description: 'Entity refs listed per rule; default 100.',
            schema: {
              type: 'integer',
              minimum: 0,
              maximum: 10000,
            },
          },
        ],
        responses: {
          '200': {
            description: 'A page of blockers.',
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/owners': {
      get: {
        operationId: 'GetOwners',
        description:
          "Each owner's visible audited entities, average score, band and blockers.",
        responses: {
          '200': {
            description: 'The owners.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/JsonObject',
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
      head: {
        operationId: 'HeadOwners',
        description: 'GET without the body.',
        responses: {
          '200': {
            description: 'The owners.',
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/summaries': {
      get: {
        operationId: 'GetSummaries',
        description:
          'Score, band, verdict and blocker count of each visible entity, by entity ref.',
        parameters: [
          {
            name: 'limit',
            in: 'query',
            description: 'Default 10000.',
            schema: {
              type: 'integer',
              minimum: 1,
              maximum: 10000,
            },
          },
          {
            $ref: '#/components/parameters/offset',
          },
        ],
        responses: {
          '200': {
            description: 'A page of summaries.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/JsonObject',
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
      head: {
        operationId: 'HeadSummaries',
        description: 'GET without the body.',
        parameters: [
          {
            name: 'limit',
            in: 'query',
            description: 'Default 10000.',
            schema: {
              type: 'integer',
              minimum: 1,
              maximum: 10000,
            },
          },
          {
            $ref: '#/components/parameters/offset',
          },
        ],
        responses: {
          '200': {
            description: 'A page of summaries.',
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/rules': {
      get: {
        operationId: 'GetRules',
        description: 'The rules this backend runs, with their documentation.',
        responses: {
          '200': {
            description: 'The rule catalog.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/JsonObject',
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
      head: {
        operationId: 'HeadRules',
        description: 'GET without the body.',
        responses: {
          '200': {
            description: 'The rule catalog.',
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/categories': {
      get: {
        operationId: 'GetCategories',
        description:
          'The categories this backend scores, in scorecard order: the built-in ones, then the custom ones its configuration declares; each with its title and weight.',
        responses: {
          '200': {
            description: 'The categories.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/JsonObject',
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
      head: {
        operationId: 'HeadCategories',
        description: 'GET without the body.',
        responses: {
          '200': {
            description: 'The categories.',
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/rollups/{kind}/{namespace}/{name}': {
      get: {
        operationId: 'GetRollup',
        description:
          'The readiness of what a Group, System or Domain holds (members the caller can see); other kinds are a 404.',
        parameters: [
          {
            $ref: '#/components/parameters/kind',
          },
          {
            $ref: '#/components/parameters/namespace',
          },
          {
            $ref: '#/components/parameters/name',
          },
          {
            name: 'worst',
            in: 'query',
            description: 'The lowest-scored members listed; default 5.',
            schema: {
              type: 'integer',
              minimum: 1,
              maximum: 50,
            },
          },
          {
            name: 'rules',
            in: 'query',
            description: 'The most frequent blockers listed; default 5.',
            schema: {
              type: 'integer',
              minimum: 1,
              maximum: 50,
            },
          },
          {
            name: 'days',
            in: 'query',
            description: 'Days of trend; default 90.',
            schema: {
              type: 'integer',
              minimum: 1,
              maximum: 730,
            },
          },
        ],
        responses: {
          '200': {
            description: 'The roll-up.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/JsonObject',
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
      head: {
        operationId: 'HeadRollup',
        description: 'GET without the body.',
        parameters: [
          {
            $ref: '#/components/parameters/kind',
          },
          {
            $ref: '#/components/parameters/namespace',
          },
          {
            $ref: '#/components/parameters/name',
          },
          {
            name: 'worst',
            in: 'query',
            description: 'The lowest-scored members listed; default 5.',
            schema: {
              type: 'integer',
              minimum: 1,
              maximum: 50,
            },
          },
          {
            name: 'rules',
            in: 'query',
            description: 'The most frequent blockers listed; default 5.',
            schema: {
              type: 'integer',
              minimum: 1,
              maximum: 50,
            },
          },
          {
            name: 'days',
            in: 'query',
            description: 'Days of trend; default 90.',
            schema: {
              type: 'integer',
              minimum: 1,
              maximum: 730,
            },
          },
        ],
        responses: {
          '200': {
            description: 'The roll-up.',
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/scorecards/{kind}/{namespace}/{name}/campaigns': {
      get: {
        operationId: 'GetEntityCampaigns',
        description:
          'The campaigns (not archived) that cover the entity, by target date, each with where the entity stands (status, rules left, waived rules, points left, overdue).',
        parameters: [
          {
            $ref: '#/components/parameters/kind',
          },
          {
            $ref: '#/components/parameters/namespace',
          },
          {
            $ref: '#/components/parameters/name',
          },
        ],
        responses: {
          '200': {
            description: "The entity's campaigns.",
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/JsonObject',
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
      head: {
        operationId: 'HeadEntityCampaigns',
        description: 'GET without the body.',
        parameters: [
          {
            $ref: '#/components/parameters/kind',
          },
          {
            $ref: '#/components/parameters/namespace',
          },
          {
            $ref: '#/components/parameters/name',
          },
        ],
        responses: {
          '200': {
            description: "The entity's campaigns.",
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/campaigns': {
      get: {
        operationId: 'ListCampaigns',
        description:
          'Every campaign, by target date then id, with its progress over the entities the caller can see; archived ones only with includeArchived=true.',
        parameters: [
          {
            name: 'includeArchived',
            in: 'query',
            schema: {
              type: 'boolean',
            },
          },
        ],
        responses: {
          '200': {
            description: 'The campaigns.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/JsonObject',
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
      head: {
        operationId: 'HeadCampaigns',
        description: 'GET without the body.',
        parameters: [
          {
            name: 'includeArchived',
            in: 'query',
            schema: {
              type: 'boolean',
            },
          },
        ],
        responses: {
          '200': {
            description: 'The campaigns.',
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
      post: {
        operationId: 'CreateCampaign',
        description:
          'Creates a campaign (permission readiness.campaign.manage; 403 without). The body is JSON of at most 16 kB. Rule ids and categories must be ones this backend runs (400); an id that a campaign already has, in configuration or stored, is a 409.',
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                $ref: '#/components/schemas/CampaignCreateRequest',
              },
            },
          },
        },
        responses: {
          '201': {
            description: 'The campaign.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/JsonObject',
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/campaigns/{id}': {
      get: {
        operationId: 'GetCampaign',
        description:
          'The campaign with its progress, per-team progress, a daily series of entities done and a page of its entities (by entity ref), over the entities the caller can see.',
        parameters: [
          {
            $ref: '#/components/parameters/campaignId',
          },
          {
            name: 'status',
            in: 'query',
            description:
              'Entities in this status; left means every entity not done.',
            schema: {
              type: 'string',
              enum: ['done', 'waived', 'not-done', 'unscored', 'left'],
            },
          },
          {
            name: 'owner',
            in: 'query',
            allowReserved: true,
            description:
              'Entities of this owner ref (as in teams), in any case.',
            schema: {
              $ref: '#/components/schemas/Text255',
            },
          },
          {
            name: 'limit',
            in: 'query',
            description: 'Entities per page; default 50.',
            schema: {
              type: 'integer',
              minimum: 1,
              maximum: 500,
            },
          },
          {
            $ref: '#/components/parameters/offset',
          },
          {
            name: 'days',
            in: 'query',
            description: 'Days of series, ending today; default 90.',
            schema: {
              type: 'integer',
              minimum: 1,
              maximum: 730,
            },
          },
        ],
        responses: {
          '200': {
            description: 'The campaign.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/JsonObject',
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
      head: {
        operationId: 'HeadCampaign',
        description: 'GET without the body.',
        parameters: [
          {
            $ref: '#/components/parameters/campaignId',
          },
          {
            name: 'status',
            in: 'query',
            description:
              'Entities in this status; left means every entity not done.',
            schema: {
              type: 'string',
              enum: ['done', 'waived', 'not-done', 'unscored', 'left'],
            },
          },
          {
            name: 'owner',
            in: 'query',
            allowReserved: true,
            description:
              'Entities of this owner ref (as in teams), in any case.',
            schema: {
              $ref: '#/components/schemas/Text255',
            },
          },
          {
            name: 'limit',
            in: 'query',
            description: 'Entities per page; default 50.',
            schema: {
              type: 'integer',
              minimum: 1,
              maximum: 500,
            },
          },
          {
            $ref: '#/components/parameters/offset',
          },
          {
            name: 'days',
            in: 'query',
            description: 'Days of series, ending today; default 90.',
            schema: {
              type: 'integer',
              minimum: 1,
              maximum: 730,
            },
          },
        ],
        responses: {
          '200': {
            description: 'The campaign.',
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
      put: {
        operationId: 'UpdateCampaign',
        description:
          "Replaces a stored campaign's definition, id excepted (permission readiness.campaign.manage; 403 without). A campaign from configuration is read-only (409). The body is JSON of at most 16 kB.",
        parameters: [
          {
            $ref: '#/components/parameters/campaignId',
          },
        ],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                $ref: '#/components/schemas/CampaignUpdateRequest',
              },
            },
          },
        },
        responses: {
          '200': {
            description: 'The campaign.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/JsonObject',
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/campaigns/{id}/archive': {
      post: {
        operationId: 'ArchiveCampaign',
        description:
          'Archives a stored campaign; archiving it again leaves it unchanged (permission readiness.campaign.manage; 403 without). A campaign from configuration is read-only (409). No request body is read.',
        parameters: [
          {
            $ref: '#/components/parameters/campaignId',
          },
        ],
        responses: {
          '200': {
            description: 'The archived campaign.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/JsonObject',
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
  },
  components: {
    parameters: {
      kind: {
        name: 'kind',
        in: 'path',
        required: true,
        description: 'Entity kind, in any case.',
        schema: {
          $ref: '#/components/schemas/KindName',
        },
      },
      namespace: {
        name: 'namespace',
        in: 'path',
        required: true,
        schema: {
          $ref: '#/components/schemas/ObjectName',
        },
      },
      name: {
        name: 'name',
        in: 'path',
        required: true,
        schema: {
          $ref: '#/components/schemas/ObjectName',
        },
      },
      offset: {
        name: 'offset',
        in: 'query',
        description: 'Default 0.',
        schema: {
          type: 'integer',
          minimum: 0,
          maximum: 10000000,
        },
      },
      campaignId: {
        name: 'id',
        in: 'path',
        required: true,
        schema: {
          $ref: '#/components/schemas/CampaignId',
        },
      },
    },
    responses: {
      ErrorResponse: {
        description: 'An error.',
        content: {
          'application/json': {
            schema: {
              $ref: '#/components/schemas/Error',
            },
          },
        },
      },
    },
    schemas: {
      KindName: {
        description:
          "The catalog's default rule for a kind; a letter, then letters and digits.",
        type: 'string',
        maxLength: 63,
        pattern: '^[A-Za-z][A-Za-z0-9]*$',
      },
      ObjectName: {
        description:
          'A namespace or entity name as the catalog accepts them by default, in any case; letters, digits and -_. between a letter or digit at each end.',
        type: 'string',
        maxLength: 63,
        pattern: '^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?$',
      },
      EntityRef: {
        description:
          '[kind:][namespace/]name, each part as in an entity route.',
        type: 'string',
        maxLength: 255,
        pattern:
          '^(?:[A-Za-z][A-Za-z0-9]*:)?(?:[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?/)?[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?$',
      },
      Band: {
        type: 'string',
        enum: ['good', 'needs-work', 'poor', 'critical'],
      },
      Score: {
        type: 'integer',
        minimum: 0,
        maximum: 100,
      },
      CategoryId: {
        description:
          'A category id, lower-case kebab-case (security, code-quality, a custom one).',
        type: 'string',
        maxLength: 63,
        pattern: '^[a-z0-9]+(?:-[a-z0-9]+)*$',
      },
      RuleId: {
        description: 'A rule id as the registry spells them, category/name.',
        type: 'string',
        maxLength: 200,
        pattern: '^[A-Za-z0-9][A-Za-z0-9-]*(?:/[A-Za-z0-9][A-Za-z0-9._-]*)+$',
      },
      FixPullRequestRequest: {
        type: 'object',
        additionalProperties: false,
        properties: {
          rules: {
            description:
              'The rules whose changes to include; default every fixable rule.',
            type: 'array',
            minItems: 1,
            maxItems: 100,
            items: {
              $ref: '#/components/schemas/RuleId',
            },
          },
        },
      },
      Text255: {
        description:
          'Up to 255 characters, not only white space, without control characters.',
        type: 'string',
        minLength: 1,
        maxLength: 255,
        pattern: '^[^\\p{Cc}\\p{Cs}]*[^\\p{Cc}\\p{Cs}\\s][^\\p{Cc}\\p{Cs}]*$',
      },
      CampaignId: {
        description:
          'A slug: lower-case letters, digits and dashes, up to 64 characters, starting and ending with a letter or digit.',
        type: 'string',
        pattern: '^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$',
      },
      CampaignTitle: {
        type: 'string',
        minLength: 1,
        maxLength: 200,
        pattern: '^[^\\p{Cc}\\p{Cs}]*[^\\p{Cc}\\p{Cs}\\s][^\\p{Cc}\\p{Cs}]*$',
      },
      CampaignDescription: {
        description: 'Default empty.',
        type: 'string',
        maxLength: 4000,
        pattern: '^[^\\p{Cc}\\p{Cs}]*$',
      },
      CampaignOwner: {
        description:
          "The owning group's entity ref; a bare name is a group of the default namespace.",
        type: 'string',
        minLength: 1,
        maxLength: 255,
        pattern: '^[^\\p{Cc}\\p{Cs}]*[^\\p{Cc}\\p{Cs}\\s][^\\p{Cc}\\p{Cs}]*$',
      },
      CampaignTargetDate: {
        description: 'The day the campaign is due, YYYY-MM-DD.',
        type: 'string',
        format: 'date',
      },
      CampaignRequirement: {
        description:
          'Exactly one of rules (rule ids this backend runs), categories or minScore.',
        type: 'object',
        additionalProperties: false,
        minProperties: 1,
        maxProperties: 1,
        properties: {
          rules: {
            type: 'array',
            minItems: 1,
            maxItems: 100,
            items: {
              $ref: '#/components/schemas/Text255',
            },
          },
          categories: {
            type: 'array',
            minItems: 1,
            maxItems: 100,
            items: {
              type: 'string',
              minLength: 1,
              maxLength: 64,
              pattern:
                '^[^\\p{Cc}\\p{Cs}]*[^\\p{Cc}\\p{Cs}\\s][^\\p{Cc}\\p{Cs}]*$',
            },
          },
          minScore: {
            $ref: '#/components/schemas/Score',
          },
        },
      },
      CampaignScopeValues: {
        description: 'One value or a list of 1 to 100.',
        oneOf: [
          {
            $ref: '#/components/schemas/Text255',
          },
          {
            type: 'array',
            minItems: 1,
            maxItems: 100,
            items: {
              $ref: '#/components/schemas/Text255',
            },
          },
        ],
      },
      CampaignScope: {
        description:
          'Which entities the campaign covers: every field given must match, a list matches any of its values; owner and system are entity refs (a bare name is a group, a system, of the default namespace). Default {}.',
        type: 'object',
        additionalProperties: false,
        properties: {
          kind: {
            $ref: '#/components/schemas/CampaignScopeValues',
          },
          type: {
            $ref: '#/components/schemas/CampaignScopeValues',
          },
          owner: {
            $ref: '#/components/schemas/CampaignScopeValues',
          },
          system: {
            $ref: '#/components/schemas/CampaignScopeValues',
          },
          lifecycle: {
            $ref: '#/components/schemas/CampaignScopeValues',
          },
          tags: {
            $ref: '#/components/schemas/CampaignScopeValues',
          },
          annotations: {
            description:
              'Annotations the entity must have, with this value or (true) any.',
            type: 'object',
            maxProperties: 100,
            additionalProperties: {
              oneOf: [
                {
                  type: 'string',
                  minLength: 1,
                  maxLength: 1000,
                  pattern:
                    '^[^\\p{Cc}\\p{Cs}]*[^\\p{Cc}\\p{Cs}\\s][^\\p{Cc}\\p{Cs}]*$',
                },
                {
                  type: 'boolean',
                  enum: [true],
                },
              ],
            },
          },
        },
      },
      CampaignArchived: {
        description: 'Default false.',
        type: 'boolean',
      },
      CampaignUpdateRequest: {
        description: "A campaign's whole definition without its id.",
        type: 'object',
        additionalProperties: false,
        required: ['title', 'owner', 'targetDate', 'requirement'],
        properties: {
          title: {
            $ref: '#/components/schemas/CampaignTitle',
          },
          description: {
            $ref: '#/components/schemas/CampaignDescription',
          },
          owner: {
            $ref: '#/components/schemas/CampaignOwner',
          },
          targetDate: {
            $ref: '#/components/schemas/CampaignTargetDate',
          },
          requirement: {
            $ref: '#/components/schemas/CampaignRequirement',
          },
          scope: {
            $ref: '#/components/schemas/CampaignScope',
          },
          archived: {
            $ref: '#/components/schemas/CampaignArchived',
          },
        },
      },
      CampaignCreateRequest: {
        description: "A campaign's whole definition with its id.",
        type: 'object',
        additionalProperties: false,
        required: ['id', 'title', 'owner', 'targetDate', 'requirement'],
        properties: {
          id: {
            $ref: '#/components/schemas/CampaignId',
          },
          title: {
            $ref: '#/components/schemas/CampaignTitle',
          },
          description: {
            $ref: '#/components/schemas/CampaignDescription',
          },
          owner: {
            $ref: '#/components/schemas/CampaignOwner',
          },
          targetDate: {
            $ref: '#/components/schemas/CampaignTargetDate',
          },
          requirement: {
            $ref: '#/components/schemas/CampaignRequirement',
          },
          scope: {
            $ref: '#/components/schemas/CampaignScope',
          },
          archived: {
            $ref: '#/components/schemas/CampaignArchived',
          },
        },
      },
      JsonObject: {
        type: 'object',
        additionalProperties: true,
      },
      Error: {
        type: 'object',
        properties: {
          error: {
            type: 'object',
            properties: {
              name: {
                type: 'string',
              },
              message: {
                type: 'string',
              },
            },
            required: ['name', 'message'],
            additionalProperties: true,
          },
          request: {
            type: 'object',
            additionalProperties: true,
          },
          response: {
            type: 'object',
            properties: {
              statusCode: {
                type: 'integer',
              },
            },
            additionalProperties: true,
          },
        },
        required: ['error'],
      },
    },
  },
} as const;

/** A router that validates every request against {@link spec} before its handler runs. */
export const createOpenApiRouter = async (
  options?: Parameters<typeof createValidatedOpenApiRouter>['1'],
) => createValidatedOpenApiRouter<typeof spec>(spec, options);
