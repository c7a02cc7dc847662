/** Auth.js' own OIDC endpoints (callback, CSRF, provider list): their requests and responses are Auth.js'. */
export {};
