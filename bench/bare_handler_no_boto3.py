"""The same bare handler without boto3, to show what boto3 alone costs at a cold start."""
from fastapi import FastAPI
from mangum import Mangum
from pydantic import BaseModel

app = FastAPI()


class Note(BaseModel):
    text: str


@app.post("/api/bare/{item_id}")
def save(item_id: str, note: Note):
    return {"id": item_id, "text": note.text}


handler = Mangum(app, lifespan="off")
