.PHONY: run test setup bench
setup:
	bash scripts/bootstrap.sh
run:
	bash scripts/run.sh
test:
	bash scripts/test.sh
