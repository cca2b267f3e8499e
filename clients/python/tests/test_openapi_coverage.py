"""Every operation of the committed OpenAPI document has a client method, so the client grows with the API.
A new endpoint fails this test until it gets a method in trainservice/client.py and a line in COVERED."""
import json
from pathlib import Path

import trainservice

OPENAPI = Path(__file__).resolve().parents[3] / "openapi" / "openapi.json"

COVERED = {
    "CreateJob": "submit", "ValidateSpec": "validate", "GetSpecSchema": "spec_schema",
    "GetJob": "get", "ListJobs": "list", "CancelJob": "cancel", "StreamJobEvents": "events",
    "GetJobMetrics": "metrics", "GetJobStepMetrics": "step_metrics", "GetJobResults": "results",
    "GetJobDiagnostics": "diagnostics", "Predict": "predict",
    "ListCheckpoints": "checkpoints", "DownloadCheckpoint": "download_checkpoint",
    "GetJobPlot": "plot", "GetActivationPlot": "activation_plot", "CompareJobs": "compare",
    "UploadDataset": "upload_dataset", "ListDatasets": "datasets", "GetDataset": "get_dataset",
    "DeleteDataset": "delete_dataset",
    "CreateStudy": "create_study", "ListStudies": "studies", "GetStudy": "get_study", "CancelStudy": "cancel_study",
    "ListSuites": "suites", "RunSuite": "run_suite", "ScheduleSuite": "schedule_suite", "ListSuiteRuns": "suite_runs",
    "GetSuiteRun": "get_suite_run", "GetSuiteRunReport": "suite_report",
    "GetStudyPlot": "study_plot", "DeleteStudy": "delete_study", "DeleteJob": "delete",
    "CreateApiKey": "create_key", "ListApiKeys": "keys", "RevokeApiKey": "revoke_key", "WhoAmI": "whoami",
}


def test_every_api_operation_has_a_client_method():
    paths = json.loads(OPENAPI.read_text())["paths"]
    operations = {op["operationId"]: f"{method.upper()} {path}" for path, ops in paths.items() for method, op in ops.items()}
    missing = {op: where for op, where in operations.items() if op not in COVERED}
    assert not missing, f"operations without a client method: {missing}"
    assert set(COVERED) <= set(operations), f"methods for operations that are gone: {set(COVERED) - set(operations)}"
    for method in COVERED.values():
        assert callable(getattr(trainservice.TrainClient, method)), method
