import {
  type AugmentedRequest,
  type DataSourceConfig,
  RESTDataSource,
} from '@apollo/datasource-rest';

/** A REST object as the API sends it: the resolvers read only a few fields. */
export type RestObject = Record<string, unknown> & { id: string; name: string };

export interface FlowPage {
  items: RestObject[];
  cursor?: string;
}

/**
 * The Membrane REST API as Apollo's docs write a data source ("Fetching from REST"): one
 * method per endpoint, the caller's credential added in `willSendRequest`, and a new instance
 * per GraphQL request, so its GET de-duplication is scoped to that request.
 */
export class MembraneAPI extends RESTDataSource {
  override baseURL: string;
  private readonly authorization: string | undefined;

  constructor(options: {
    baseURL: string;
    authorization?: string;
    cache: DataSourceConfig['cache'];
  }) {
    super({ cache: options.cache });
    this.baseURL = `${options.baseURL}/`;
    this.authorization = options.authorization;
  }

  protected override willSendRequest(_path: string, request: AugmentedRequest): void {
    request.headers['membrane-api-version'] = '2025-10-21';
    if (this.authorization) {
      request.headers.authorization = this.authorization;
    }
  }

  getFlow(id: string): Promise<RestObject> {
    return this.get(`flows/${encodeURIComponent(id)}`);
  }

  listFlows(params: { limit: number; layer?: string }): Promise<FlowPage> {
    return this.get('flows', { params: { layer: params.layer, limit: String(params.limit) } });
  }

  getIntegration(id: string): Promise<RestObject> {
    return this.get(`integrations/${encodeURIComponent(id)}`);
  }

  getConnection(id: string): Promise<RestObject> {
    return this.get(`connections/${encodeURIComponent(id)}`);
  }

  /** Customers are the GraphQL `User`s. */
  getCustomer(id: string): Promise<RestObject> {
    return this.get(`customers/${encodeURIComponent(id)}`);
  }
}
