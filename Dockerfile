# The kg image used by docker-compose.yml for `kg worker` and `kg run`.
FROM node:20-slim
WORKDIR /app
COPY package.json package-lock.json tsconfig.json ./
COPY pipeline pipeline
COPY workers workers
COPY graph graph
COPY run run
COPY viz viz
COPY cli cli
COPY bench bench
COPY seeds seeds
RUN npm ci --no-audit --no-fund && npm prune --omit=dev
ENTRYPOINT ["node", "dist/cli/kg.js"]
CMD ["--help"]
