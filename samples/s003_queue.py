from multiprocessing import Process, Queue

def f(q,n):
    q.put('hello')

def f1(q):
    print(q.get())
if __name__ == '__main__':
    q = Queue()
    for i in range(2):
        p = Process(target=f, args=(q,i))
        p.start()
    tp1 = Process(target=f1,args=(q,))
    tp2 = Process(target=f1, args=(q,))
    tp3 = Process(target=f1, args=(q,))
    tp1.start()
    tp2.start()
