"""The deployment files: Kubernetes manifests valid against the Kubernetes OpenAPI schemas
(offline, strict: an unknown field is an error), probes on the service's own endpoints, and
the Compose file and image wired to the settings the service reads."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import kubernetes_validate
import pytest
import yaml

from api.serve import ServerSettings
from api.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
K8S = ROOT / "deploy" / "kubernetes"
KUBERNETES = "1.30.0"


def manifests() -> list[dict[str, Any]]:
    docs = [d for f in sorted(K8S.glob("*.yaml")) for d in yaml.safe_load_all(f.read_text())]
    return [d for d in docs if d]


@pytest.mark.parametrize("doc", manifests(), ids=lambda d: f"{d['kind']}/{d['metadata']['name']}")
def test_each_manifest_fits_the_kubernetes_schema(doc: dict[str, Any]) -> None:
    kubernetes_validate.validate(doc, KUBERNETES, strict=True)


def test_the_cluster_has_every_part() -> None:
    kinds = {d["kind"] for d in manifests()}
    assert kinds == {"ConfigMap", "Secret", "Job", "Deployment", "Service",
                     "HorizontalPodAutoscaler", "PodDisruptionBudget"}
    deployment = next(d for d in manifests() if d["kind"] == "Deployment")
    container = deployment["spec"]["template"]["spec"]["containers"][0]
    assert container["livenessProbe"]["httpGet"]["path"] == "/livez"
    assert container["startupProbe"]["httpGet"]["path"] == "/livez"
    assert container["readinessProbe"]["httpGet"]["path"] == "/readyz"
    secret = next(d for d in manifests() if d["kind"] == "Secret")
    assert set(secret["stringData"]) == {"DATABASE_URL", "ADHIKAR_ADMIN_TOKEN"}
    job = next(d for d in manifests() if d["kind"] == "Job")
    assert job["spec"]["template"]["spec"]["containers"][0]["command"] == ["adhikar", "migrate"]


def test_every_setting_named_in_the_deployment_files_exists() -> None:
    known = {f"ADHIKAR_{n.upper()}" for n in (*Settings.model_fields, *ServerSettings.model_fields)}
    known |= {"DATABASE_URL", "PROMETHEUS_MULTIPROC_DIR", "PYTHONUNBUFFERED"}
    config = next(d for d in manifests() if d["kind"] == "ConfigMap")
    compose = yaml.safe_load((ROOT / "deploy" / "compose.yaml").read_text())
    named = set(config["data"]) | set(compose["services"]["api"]["environment"])
    named |= {line.split("=")[0].strip().removeprefix("ENV ")
              for line in (ROOT / "Dockerfile").read_text().splitlines()
              if "=" in line and line.strip().split("=")[0].strip().removeprefix("ENV ")
              .isupper()}
    assert named <= known, named - known


def test_the_validator_catches_a_misspelt_field() -> None:
    deployment = next(d for d in manifests() if d["kind"] == "Deployment")
    broken = {**deployment, "spec": {**deployment["spec"], "replica": 2}}
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(broken, KUBERNETES, strict=True)
