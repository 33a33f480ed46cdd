#!/usr/bin/env python3
"""Prints the CloudFormation template the SAM transform makes of a SAM template (JSON on stdout).

Uses the SAM translator that `sam deploy` runs (samtranslator, installed with cfn-lint). Like cfn-lint, it
points CodeUri at a dummy S3 object first: the translator only accepts S3 locations, and `sam deploy`
uploads the built package before it translates.

    python3 sam-translate.py serverless.template > translated.json
"""
import json
import os
import sys

from samtranslator.parser.parser import Parser
from samtranslator.translator.translator import Translator


def main(path: str) -> None:
    with open(path, encoding="utf-8") as file:
        template = json.load(file)

    for resource in template.get("Resources", {}).values():
        if resource.get("Type") == "AWS::Serverless::Function":
            resource["Properties"]["CodeUri"] = "s3://deployment-tests/package.zip"

    # The translator builds ARNs with the default Region's partition; no AWS call is made.
    os.environ.setdefault("AWS_DEFAULT_REGION", "eu-west-1")
    translated = Translator(managed_policy_map={}, sam_parser=Parser()).translate(
        sam_template=template, parameter_values={}, passthrough_metadata=True
    )
    json.dump(translated, sys.stdout, indent=1, default=str)


if __name__ == "__main__":
    main(sys.argv[1])
