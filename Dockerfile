# The mock server in a container: `docker compose up` (see docker-compose.yml and the README).
FROM node:20-slim
WORKDIR /app
ENV NODE_ENV=production
# Where the npm registry is reached through a TLS-inspecting proxy, pass its CA for the build only:
#   --build-arg NODE_EXTRA_CA_CERTS=/run/host-ca.pem with the file mounted there (scripts/build-image.sh does).
ARG NODE_EXTRA_CA_CERTS
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund
COPY tsconfig.json ./
COPY scripts/start.mjs scripts/build-server.ts ./scripts/
COPY src ./src
COPY mocks ./mocks
COPY schemas ./schemas
COPY fixtures ./fixtures
# The server bundle `npm start` runs, built here: the unprivileged user below cannot write dist/.
RUN npm run build
ENV HOST=0.0.0.0 PORT=4010
EXPOSE 4010
USER node
HEALTHCHECK --interval=10s --timeout=3s --start-period=10s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:4010/__admin/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["npm", "start"]
