FROM python:3.11-slim-bookworm
RUN apt-get update && apt-get install -y --no-install-recommends apertium-eng-spa hunspell-es hunspell-en-us hunspell-en-gb wordnet-base && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY . .
RUN pip install --no-cache-dir -e .
EXPOSE 8000
CMD ["review", "serve", "--host", "0.0.0.0", "--port", "8000"]
