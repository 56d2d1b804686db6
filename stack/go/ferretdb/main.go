// Command ferretdb runs FerretDB v1.24 (SQLite backend) for local development and tests.
//
// It wraps FerretDB's embeddable package because `go install .../cmd/ferretdb` from the module proxy
// builds a binary that panics: the release version file is generated at release time and is missing
// from the module source. The embeddable package skips that check and disables telemetry itself.
package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/FerretDB/FerretDB/ferretdb"
)

func main() {
	listenAddr := flag.String("listen-addr", "127.0.0.1:27017", "host:port to accept MongoDB wire protocol connections on")
	sqliteURL := flag.String("sqlite-url", "file:data/", "SQLite directory URL; must end with a slash and exist")
	logLevel := flag.String("log-level", "warn", "debug, info, warn or error")
	// Accepted so that this binary and an official FerretDB release take the same command line
	// (stack/services/ferretdb.ts). The embeddable package always disables telemetry and keeps its
	// state in memory, and this wrapper serves no debug endpoint.
	handler := flag.String("handler", "sqlite", "backend; only sqlite is built in")
	flag.String("telemetry", "disable", "ignored: telemetry is always disabled")
	flag.String("state-dir", "-", "ignored: state is kept in memory")
	flag.String("debug-addr", "-", "ignored: no debug endpoint")
	flag.Parse()

	if *handler != "sqlite" {
		fmt.Fprintf(os.Stderr, "ferretdb: only -handler=sqlite is supported, got %q\n", *handler)
		os.Exit(2)
	}

	var level slog.Level
	if err := level.UnmarshalText([]byte(*logLevel)); err != nil {
		fmt.Fprintf(os.Stderr, "invalid -log-level %q: %v\n", *logLevel, err)
		os.Exit(2)
	}
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: level}))

	server, err := ferretdb.New(&ferretdb.Config{
		Listener:  ferretdb.ListenerConfig{TCP: *listenAddr},
		Handler:   "sqlite",
		SQLiteURL: *sqliteURL,
		Logger:    logger,
	})
	if err != nil {
		fmt.Fprintf(os.Stderr, "ferretdb: %v\n", err)
		os.Exit(1)
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	go indexIDLookups(ctx, strings.TrimSuffix(strings.TrimPrefix(*sqliteURL, "file:"), "/"), logger)

	logger.Warn("FerretDB listening", "addr", *listenAddr, "sqlite", *sqliteURL)
	if err := server.Run(ctx); err != nil {
		fmt.Fprintf(os.Stderr, "ferretdb: %v\n", err)
		os.Exit(1)
	}
}
